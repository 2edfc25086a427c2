"""User-facing errors: each says what went wrong, where, and the way out."""


class DecleanError(Exception):
    """An error the CLI prints as one red line and exits 1 on. Never a program's own failure."""


class ConfigError(DecleanError):
    """Bad input: a file, a field, an option or an environment variable."""
