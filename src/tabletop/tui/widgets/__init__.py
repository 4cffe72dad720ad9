"""Widgets the screens are built from, one per file; each gets data set on it and posts messages."""
