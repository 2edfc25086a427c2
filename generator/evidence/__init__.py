"""Evidence that a variant really breaks the principle it is labelled with."""

from generator.evidence.check import CHECKERS, Evidence, check, checkers

__all__ = ["CHECKERS", "Evidence", "check", "checkers"]
