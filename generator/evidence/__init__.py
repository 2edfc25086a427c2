"""The evidence's vocabulary: the `Evidence` model a record carries (`model.py`) and the
`Finding` a principle's check returns (`finding.py`). Nothing here imports a check."""
