"""The one error of the log package: a log that cannot be used, with the reason."""


class LogError(ValueError):
    """A log that cannot be used at all: not there, not a log, or a bad header."""
