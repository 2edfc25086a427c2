"""The clean-code principles declean knows how to break.

Adding a principle is adding one member here, its package `generator/principles/<name>/`
(see `base.py`) and its prompt files `prompts/declean_<name>.md` (and optionally
`prompts/targeted/declean_<name>.md`); everything else iterates over this enum.
"""

from enum import StrEnum


class Principle(StrEnum):
    DRY = "DRY"  # don't repeat yourself
    SRP = "SRP"  # single responsibility per function
    MC = "MC"  # no magic constants
    NAME = "NAME"  # meaningful names

    @property
    def prompt_name(self) -> str:
        return f"declean_{self.value.lower()}"


def parse_principles(text: str) -> list[Principle]:
    """Parse 'DRY,MC' into principles, naming the bad one and the known ones on error."""
    from generator.errors import ConfigError

    out: list[Principle] = []
    for raw in text.split(","):
        name = raw.strip().upper()
        if not name:
            continue
        try:
            p = Principle(name)
        except ValueError:
            known = ", ".join(p.value for p in Principle)
            raise ConfigError(f"unknown principle {raw.strip()!r} (known: {known})") from None
        if p not in out:
            out.append(p)
    if not out:
        raise ConfigError("no principle given (known: " + ", ".join(Principle) + ")")
    return out
