"""declean: labelled datasets of C code that breaks clean-code principles."""

__version__ = "0.1.0"
