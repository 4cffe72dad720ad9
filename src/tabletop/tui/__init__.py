"""The terminal UI: a facilitator runs a live exercise, delegations take turns at one keyboard.

A shell over the engine and the log: every act goes through the session log
first, legality comes from the engine, and each delegation's screen is built
from its `RoleView` alone.
"""

DEFAULT_PACE = 1.5
"""Seconds between bot moves: slow enough for a room to follow on a projector."""
