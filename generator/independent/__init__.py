"""A second opinion on every label from analysers nobody here wrote: clang-tidy, lizard, jscpd.

They read the program as text and never run it. `tools` measures programs (in batches,
cached by code hash), `verdicts` compares a variant's figures with its parent's."""

from generator.independent.tools import Figures, ToolError, measure
from generator.independent.verdicts import Independent, judge

__all__ = ["Figures", "Independent", "ToolError", "judge", "measure"]
