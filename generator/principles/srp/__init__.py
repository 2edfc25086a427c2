"""SRP, single responsibility: everything declean knows of it, in one package.

`rule.py` is its registry entry (`RULE`) and its edits' draw; `edits.py` the merges;
`evidence.py` the check of a variant against its parent and where the demo points;
`verdict.py` what a reviewer would say of a program alone.
"""
