"""`declean model ...`: the embedded local model."""

import typer

app = typer.Typer(help="The embedded local model.", no_args_is_help=True)
