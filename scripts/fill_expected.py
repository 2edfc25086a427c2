"""Fill `expected` (and the statement's example output) in problems/<id>.yaml from the output
of problems/reference/<id>.c.

    .venv/bin/python scripts/fill_expected.py            # all problems, rewrite the YAML files
    .venv/bin/python scripts/fill_expected.py ID ...     # only these problems
    .venv/bin/python scripts/fill_expected.py --check    # report stale `expected`, write nothing

The references are our own hand-written code, so they are compiled with the host gcc
(the untrusted-code sandbox is for LLM output; tests/corpus re-checks everything in it).
If the statement has an `Example input:` block (see tests/corpus/examples.py), its
`Example output:` block is rewritten from the reference too.
A reference that warns, fails to compile, exits non-zero or times out stops the script:
`expected` must only ever come from a clean, successful run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.examples import example_of, with_example_output  # noqa: E402

PROBLEMS = ROOT / "problems"
REFERENCES = PROBLEMS / "reference"
GCC_FLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O2"]
RUN_TIMEOUT_S = 5
KEY_ORDER = ("id", "title", "tags", "statement", "inputs", "expected")


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, so inputs and outputs read like a terminal."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def compile_reference(source: Path, binary: Path) -> None:
    cmd = ["gcc", *GCC_FLAGS, str(source), "-o", str(binary), "-lm"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0 or done.stderr.strip():
        sys.exit(f"{source}: does not compile cleanly with {' '.join(GCC_FLAGS)}:\n{done.stderr}")


def run_reference(binary: Path, stdin: str, label: str) -> str:
    try:
        done = subprocess.run(
            [str(binary)], input=stdin, capture_output=True, text=True, timeout=RUN_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"{label}: timed out after {RUN_TIMEOUT_S} s")
    if done.returncode != 0:
        sys.exit(f"{label}: exit code {done.returncode}; stderr: {done.stderr.strip()}")
    return done.stdout


def filled(problem_file: Path, data: dict, workdir: Path) -> dict:
    """`data` with `expected` and the example output as the reference prints them."""
    source = REFERENCES / f"{problem_file.stem}.c"
    if not source.is_file():
        sys.exit(f"{problem_file}: no reference solution {source}")
    binary = workdir / problem_file.stem
    compile_reference(source, binary)
    result = dict(data)
    result["expected"] = [
        run_reference(binary, stdin, f"{source} on input {i}")
        for i, stdin in enumerate(data["inputs"])
    ]
    example = example_of(data["statement"])
    if example is not None:
        stdout = run_reference(binary, example[0], f"{source} on the statement's example")
        result["statement"] = with_example_output(data["statement"], stdout)
    return result


def dump(data: dict) -> str:
    ordered = {k: data[k] for k in KEY_ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="problem ids (default: all)")
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    args = parser.parse_args()
    files = [PROBLEMS / f"{i}.yaml" for i in args.ids] or sorted(PROBLEMS.glob("*.yaml"))
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            new = filled(f, data, Path(tmp))
            if new == data:
                continue
            stale.append(f.stem)
            if not args.check:
                f.write_text(dump(new), encoding="utf-8")
    verb = "stale" if args.check else "updated"
    print(f"{len(files)} problems, {len(stale)} {verb}: {' '.join(stale) or '-'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
