#!/usr/bin/env bash
# `make dataset`: the training set the README recommends, made on this machine with no
# endpoint: every problem's hand-written reference (and, with COURSE=DIR, a course's accepted
# submissions) de-cleaned by the procedural editor, labelled with what a reviewer would say,
# split by problem, exported to exports/dataset, and a detector trained on it.
#
#   COURSE=DIR    a course laid out like C-Pack-IPAs: its accepted submissions join as roots
#   EXCLUDE=DIR   a labelled evaluation folder (DIR/programs/*.c) none of whose programs may
#                 become a root (your dev set: keep it out of the data it judges)
#   ROOTS=N       at most N submissions per course exercise (default 8: about 15 min)
#   OUT=DIR       where the export goes (default exports/dataset)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=${OUT:-exports/dataset}
ROOTS=${ROOTS:-8}
RUN=runs/dataset${COURSE:+-course}
INPUTS=runs/dataset-inputs${COURSE:+-course}

# One problems folder and one roots folder, linked, never copied: the project's own files
# and the imported course stay where they are.
rm -rf "$INPUTS"
mkdir -p "$INPUTS/problems" "$INPUTS/roots"
for f in problems/*.yaml; do ln -s "$PWD/$f" "$INPUTS/problems/"; done
for f in problems/reference/*.c; do ln -s "$PWD/$f" "$INPUTS/roots/"; done
if [ -n "${COURSE:-}" ]; then
    args=()
    [ -n "${EXCLUDE:-}" ] && args+=(--exclude "$EXCLUDE")
    [ -z "${EXCLUDE:-}" ] && echo "note: no EXCLUDE=DIR: a labelled folder you will score on" \
        "must be excluded, or \`declean eval --real DIR\` refuses its programs' twins" >&2
    $BIN/declean problems import "$COURSE" --out runs/course "${args[@]}"
    for f in runs/course/problems/*.yaml; do ln -s "$PWD/$f" "$INPUTS/problems/"; done
    for d in runs/course/roots/*/; do ln -s "$PWD/${d%/}" "$INPUTS/roots/"; done
fi

# 75: work left for another run (it says how much); the rest is still worth exporting.
$BIN/declean run --run-dir "$RUN" --problems "$INPUTS/problems" --clean-from "$INPUTS/roots" \
    --editor procedural --tags "" --samples "$ROOTS" || [ $? -eq 75 ]
$BIN/declean split "$RUN" --labels reviewer
$BIN/declean export "$RUN" --out "$OUT" --overwrite
$BIN/declean train "$OUT"
