"""The app's screens, one per step of a session: start, setup, console, hand-over, delegation."""
