"""The session log: JSON Lines, hash-chained, fsynced; the source of truth."""

from tabletop.log.format import Header, Parent, Seat
from tabletop.log.reader import LogContents, LogError, LogProblem, read_log
from tabletop.log.recorded import RecordedSession, rebuild
from tabletop.log.writer import LogWriter

__all__ = [
    "Header",
    "LogContents",
    "LogError",
    "LogProblem",
    "LogWriter",
    "Parent",
    "RecordedSession",
    "Seat",
    "read_log",
    "rebuild",
]
