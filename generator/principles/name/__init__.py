"""NAME, meaningful names: everything declean knows of it, in one package.

`rule.py` is its registry entry (`RULE`), its rename and the vocabulary it draws from;
`evidence.py` the check of a variant against its parent and where the demo points;
`verdict.py` what a reviewer would say of a program alone.
"""
