"""MC, magic constants: everything declean knows of it, in one package.

`rule.py` is its registry entry (`RULE`) and its edits' draw; `edits.py` and `ways.py` the
edits; `evidence.py` the check of a variant against its parent and where the demo points;
`verdict.py` what a reviewer would say of a program alone.
"""
