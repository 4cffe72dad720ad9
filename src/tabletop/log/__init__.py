"""The session log: JSON Lines, hash-chained, fsynced; the source of truth."""

from tabletop.log.audit import Audit, Misfit, audit_of, audited, unfinished
from tabletop.log.errors import LogError
from tabletop.log.format import Header, Parent, Seat
from tabletop.log.key import KEY_FILE, read_key
from tabletop.log.reader import LogContents, LogProblem, LogStream, open_log, read_log
from tabletop.log.recorded import RecordedSession, rebuild
from tabletop.log.writer import LogWriter

__all__ = [
    "KEY_FILE",
    "Audit",
    "Header",
    "LogContents",
    "LogError",
    "LogProblem",
    "LogStream",
    "LogWriter",
    "Misfit",
    "Parent",
    "RecordedSession",
    "Seat",
    "audit_of",
    "audited",
    "open_log",
    "read_key",
    "read_log",
    "rebuild",
    "unfinished",
]
