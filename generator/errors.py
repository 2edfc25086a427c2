"""User-facing errors: each says what went wrong, where, and the way out."""


class DecleanError(Exception):
    """An error the CLI prints as one red line and exits on (`exit_code`, 1 unless said).
    Never a program's own failure."""

    exit_code = 1


class ConfigError(DecleanError):
    """Bad input: a file, a field, an option or an environment variable."""


class RunLocked(DecleanError):
    """Another `declean run` holds the run directory: two writers would pay every request
    twice."""


class InputsChanged(ConfigError):
    """A resume whose problems, prompts, given solutions or settings differ from the run's."""


class RunIncomplete(DecleanError):
    """The run ended with work left to do (transient failures, an endpoint that went down):
    running the same command again resumes it. EX_TEMPFAIL (75), so a script can tell
    "run me again" from a mistake (1)."""

    exit_code = 75
