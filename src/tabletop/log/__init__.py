"""The session log: JSON Lines, hash-chained, fsynced; the source of truth."""

from tabletop.log.audit import Audit, Misfit, audit_of, audited, unfinished
from tabletop.log.format import Header, Parent, Seat
from tabletop.log.reader import LogContents, LogError, LogProblem, read_log
from tabletop.log.recorded import RecordedSession, rebuild
from tabletop.log.writer import LogWriter

__all__ = [
    "Audit",
    "Header",
    "LogContents",
    "LogError",
    "LogProblem",
    "LogWriter",
    "Misfit",
    "Parent",
    "RecordedSession",
    "Seat",
    "audit_of",
    "audited",
    "read_log",
    "rebuild",
    "unfinished",
]
