"""Build and run fixture programs in one real sandbox batch: what each printed."""

from __future__ import annotations

from sandbox import SandboxConfig, get_sandbox


def printed(codes: list[str], inputs: list[str]) -> dict[str, list[str]]:
    """Each program's stdout on every input; a program that fails to build or exits
    non-zero fails the test that asked."""
    codes = sorted(set(codes))
    with get_sandbox(SandboxConfig(workers=2)) as sandbox:
        results = sandbox.run_batch([(c, inputs) for c in codes])
    out = {}
    for code, result in zip(codes, results, strict=True):
        assert result.compiled, (result.compile_output[-600:], code)
        assert all(r.exit_code == 0 for r in result.runs), code
        out[code] = [r.stdout for r in result.runs]
    return out
