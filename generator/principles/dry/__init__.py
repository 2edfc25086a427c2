"""DRY, don't repeat yourself: everything declean knows of it, in one package.

`rule.py` is its registry entry (`RULE`) and its edits' draw; `copies.py` the copies made
inside one function; `evidence.py` the check of a variant against its parent and where the
demo points; `verdict.py` what a reviewer would say of a program alone.
"""
