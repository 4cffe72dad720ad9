"""When the cyclic garbage collector runs: the one home of tabletop's collector policy.

Start-up, a long log read and a live session each make a great many objects
that all live on, and no cycles to collect; the collector only goes over them
again and again (a sixth of a 100,000-event replay; 150 ms held up a key press
in a session). So collection is paused while they are made, and what lives on
is frozen out of later collections. A pause always ends: whatever goes wrong
inside it, collection is back on afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block; back on after it, if it was on, however the block ends.

    Start-up ends its pause early with `start_up_over`, once the start screen
    has its exercises; the end of the block is then a no-op.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def start_up_over() -> None:
    """Start-up is done: what it made stays out of collections for good; collection resumes.

    Only while start-up's pause holds: a start screen drawn again after a
    session must not freeze what the session left for the collector.
    """
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def keep_alive() -> None:
    """Leave every object alive now out of the collector's walks (a session's screens, engine)."""
    gc.freeze()


def let_go() -> None:
    """Collect what `keep_alive` kept again: the session that held it has closed."""
    gc.unfreeze()
