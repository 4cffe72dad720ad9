"""The one error of the log package: a log that cannot be used, with the reason."""


class LogError(ValueError):
    """A log that cannot be used at all: not there, not a log, or a bad header."""


def printable(text: str) -> str:
    """`text` with control characters escaped (`\\x1b`): a log's text is data, not commands.

    What a message quotes from a log (an actor, a field name, a reason the
    rules give about it) reaches a terminal; an escape sequence in it must
    not act there.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
