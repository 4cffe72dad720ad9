"""Bots: strategies that play a delegation from what it knows, and the driver that runs them."""

from tabletop.bots.autoplay import bot_rng, bots_for, play_out, play_until_human, run_headless
from tabletop.bots.base import Bot, Negotiator
from tabletop.bots.strategies import (
    ROTATION,
    STRATEGIES,
    UnknownStrategy,
    check_strategy,
    make_bot,
)

__all__ = [
    "ROTATION",
    "STRATEGIES",
    "Bot",
    "Negotiator",
    "UnknownStrategy",
    "bot_rng",
    "bots_for",
    "check_strategy",
    "make_bot",
    "play_out",
    "play_until_human",
    "run_headless",
]
