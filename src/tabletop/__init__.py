"""tabletop: a negotiation tabletop-exercise engine."""

__version__ = "0.1.0"
