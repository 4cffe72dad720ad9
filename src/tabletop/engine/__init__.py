"""The functional core: a session of an exercise, driven by acts, rebuilt from events.

No terminal, no files, no UI: the shells (TUI, command line, log) sit on top.
"""

from tabletop.engine.acts import Act
from tabletop.engine.events import Event
from tabletop.engine.legal import LegalActs
from tabletop.engine.session import Decision, IllegalAct, Session
from tabletop.engine.state import Proposal, SessionState
from tabletop.engine.view import RoleView, role_view

__all__ = [
    "Act",
    "Decision",
    "Event",
    "IllegalAct",
    "LegalActs",
    "Proposal",
    "RoleView",
    "Session",
    "SessionState",
    "role_view",
]
