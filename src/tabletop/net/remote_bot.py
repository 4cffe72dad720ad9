"""A bot playing a seat from another process: `tabletop join ADDRESS --code CODE --bot STRATEGY`.

It sees what a delegation screen sees (the `RoleView` the host's pictures
rebuild) and acts when its role is to move. A refused act is answered as
the host's own bots answer one: a pass, or a decline under signature.
"""

from __future__ import annotations

import asyncio

from tabletop.bots import Bot
from tabletop.bots.base import Draws
from tabletop.engine import RoleView
from tabletop.engine.acts import Act, Decline, Pass
from tabletop.engine.phases import ENDED_PHASES
from tabletop.net.client import Disconnected, SeatClient
from tabletop.net.protocol import Refused


async def play_seat(client: SeatClient, bot: Bot, seed: int) -> None:
    """Play the joined seat until the session ends; JoinError if the seat is lost for good."""
    moved = asyncio.Event()
    client.on_update = moved.set
    receiving = asyncio.create_task(client.run())
    decided: int | None = None
    try:
        while not receiving.done():
            waiting = asyncio.create_task(moved.wait())
            await asyncio.wait((waiting, receiving), return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            moved.clear()
            if client.picture is None or client.picture.role is None:
                continue
            view = client.view()
            if view.phase in ENDED_PHASES or not view.my_turn or view.seq == decided:
                continue
            decided = view.seq
            draws = Draws(f"tabletop-remote/{seed}/{view.role.id}/{view.seq}")
            try:
                answer = await client.act(bot.act(view, draws))
                if isinstance(answer, Refused) and client.seq == decided:
                    # Refused with the table unchanged: do what is always allowed on a turn.
                    await client.act(_fallback(view))
            except Disconnected:
                decided = None  # look again once joined again
                continue
            moved.set()  # look again: the turn may still be ours (a message takes none)
        await receiving
    finally:
        receiving.cancel()


def _fallback(view: RoleView) -> Act:
    if view.phase == "ratification":
        return Decline(actor=view.role.id, reason="no considered answer")
    return Pass(actor=view.role.id)
