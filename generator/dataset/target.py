"""Where `declean export --out` may write: an empty or new directory, or its own earlier export.

Writing into anything else merged two datasets, and an earlier export's `eval/` reports stayed
beside data they were not computed on. So a non-empty directory is taken only when its
export.json names the same run, or with `--overwrite`; either way it is replaced whole.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.dataset.layout import EVAL_DIR, MANIFEST
from generator.errors import ConfigError

# The detector's answers cached by `declean eval` (keyed by the request, so still right for
# new data): kept on a re-export of the same run, so a re-evaluation costs no request again.
EVAL_CACHE = ("declean.sqlite", "declean.sqlite-wal", "declean.sqlite-shm")


def exported_from(out: Path) -> str | None:
    """The run directory an earlier export in `out` names, or None."""
    try:
        value = json.loads((out / MANIFEST).read_text()).get("run_dir")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def check_out(out: Path, run_dir: Path, overwrite: bool) -> bool:
    """Refuse an `--out` export may not write to; True when it holds an earlier export of
    the same run (replaced, but its evaluation cache kept)."""
    existing = next(p for p in (out, *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise ConfigError(f"--out {out}: {existing} is a file, not a directory; name a directory")
    run = Path(run_dir).resolve()
    if run == out.resolve() or out.resolve() in run.parents:
        raise ConfigError(f"--out {out}: holds the run {run_dir} itself; name another directory")
    if not out.is_dir() or not any(out.iterdir()):
        return False
    same_run = exported_from(out) == str(run)
    if same_run or overwrite:
        return same_run and not overwrite
    named = exported_from(out)
    what = f"an export of {named}, not of {run_dir}" if named else "not an export (no export.json)"
    raise ConfigError(
        f"--out {out}: not empty and {what}; choose an empty directory,"
        " or add --overwrite to replace it whole"
    )


def clear_out(out: Path, keep_eval_cache: bool) -> None:
    """Empty `out` before writing the new export (its evaluation cache kept if asked)."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        if keep_eval_cache and entry.name == EVAL_DIR and entry.is_dir():
            for f in entry.iterdir():
                if f.name not in EVAL_CACHE:
                    _remove(f)
            continue
        _remove(entry)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
