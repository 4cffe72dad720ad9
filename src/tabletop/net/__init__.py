"""Seats over the network: one host owns the session, each seat sees only its role's view."""
