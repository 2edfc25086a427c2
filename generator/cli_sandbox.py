"""`declean sandbox ...` (filled by the sandbox work)."""

import typer

app = typer.Typer(help="Compile and run untrusted C in an isolated sandbox.", no_args_is_help=True)
