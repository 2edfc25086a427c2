"""`declean demo`: serve the detector as a web page and a JSON API, storing users' feedback."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer()


def default_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("declean") / "demo"


@app.command("demo")
def demo(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(7860, "--port", min=1, max=65535, help="HTTP port."),
    base_url: str | None = typer.Option(
        None, "--base-url", help="OpenAI-compatible endpoint; unset: the embedded model."
    ),
    model: str | None = typer.Option(None, "--model", help="Model name at the endpoint."),
    directory: Path | None = typer.Option(
        None, "--dir", help="Where demo.sqlite lives [~/.local/share/declean/demo]."
    ),
    examples: Path | None = typer.Option(
        None, "--examples", help="A `declean export` directory: its test split are the examples."
    ),
    rate_limit: int = typer.Option(
        20, "--rate-limit", min=0, help="POST requests per client per minute (0: no limit)."
    ),
    compile_code: bool = typer.Option(
        True,
        "--compile/--no-compile",
        help="Compile in the sandbox; --no-compile where none can run (a Hugging Face Space):"
        " nothing is compiled and `compiles` is null.",
    ),
    detector: Path | None = typer.Option(
        None,
        "--detector",
        help="Answer with a detector from `declean train` (no LLM; milliseconds) instead of"
        " the prompt detector on the endpoint.",
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="DECLEAN_DEMO_TOKEN",
        help="Require this access token (a simple login gate) [env DECLEAN_DEMO_TOKEN].",
    ),
) -> None:
    """Serve the detector demo: paste C, see the labels it breaks, send corrections."""
    import logging

    import uvicorn

    from generator.config import load_llm_settings
    from generator.demo.app import DemoConfig, create_app
    from generator.demo.examples import load_examples

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # A person waits for the answer: a few quick retries, not the pipeline's minutes.
    settings = load_llm_settings(
        base_url=base_url,
        model=model,
        max_retries=2,
        max_backoff_s=5.0,
        concurrency=2,
    )
    target = directory or default_dir()
    shown = load_examples(examples)
    config = DemoConfig(target, settings, shown, rate_limit, token or None, compile_code, detector)
    typer.echo(
        f"declean demo on http://{host}:{port}/ (feedback in {target / 'demo.sqlite'},"
        f" {len(shown)} examples{', token required' if token else ''}"
        f"{f', detector {detector}' if detector else ''})",
        err=True,
    )
    # No access log: it would print every client's address, which the demo does not keep.
    uvicorn.run(
        create_app(config),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=True,
        access_log=False,
    )
