"""`declean workspace install|up|down`: a local Argilla annotation workspace."""

from pathlib import Path
from typing import Any

import typer

app = typer.Typer(
    name="workspace", help="A local Argilla annotation workspace.", no_args_is_help=True
)

WS_DIR_HELP = "Workspace data directory [~/.local/share/declean/argilla]."


def _workspace(directory: Path | None) -> Any:
    from generator.curation.server import DEFAULT_DIR, Workspace

    return Workspace(directory or DEFAULT_DIR)


@app.command("up")
def workspace_up(
    directory: Path | None = typer.Option(None, "--dir", help=WS_DIR_HELP),
    port: int | None = typer.Option(None, "--port", help="HTTP port [6900, or the last used]."),
) -> None:
    """Start argilla-server, its worker and search engine; print how to log in."""
    ws = _workspace(directory)
    state = ws.up(port, echo=lambda m: typer.echo(m, err=True))
    typer.echo(f"Argilla is running at {state.url} (data in {ws.dir})")
    typer.echo(f"  user:      {state.username}")
    typer.echo(f"  password:  {state.password}")
    typer.echo(f"  api key:   {state.api_key}")
    typer.echo(f"  workspace: {state.workspace}")
    typer.echo("For push and pull:")
    typer.echo(f"  export ARGILLA_API_URL={state.url} ARGILLA_API_KEY={state.api_key}")
    typer.echo(f"Stop it with: declean workspace down --dir {ws.dir}")


@app.command("install")
def workspace_install() -> None:
    """Install the pinned argilla-server into its own venv now (`up` does it on first use)."""
    from generator.curation.server import ensure_server_venv

    venv = ensure_server_venv(echo=lambda m: typer.echo(m, err=True))
    typer.echo(f"argilla-server venv ready: {venv}")


@app.command("down")
def workspace_down(
    directory: Path | None = typer.Option(None, "--dir", help=WS_DIR_HELP),
) -> None:
    """Stop the workspace's processes; its data stays in the directory."""
    ws = _workspace(directory)
    stopped = ws.down()
    typer.echo(f"stopped: {', '.join(stopped)}" if stopped else f"nothing running in {ws.dir}")
