"""`python -m generator.cli`: the `declean` console script without the installed entry point."""

from generator.cli import main

main()
