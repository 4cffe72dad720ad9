"""Where the exercises that ship with tabletop live."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).parent / "bundled"
_CHECKOUT = Path(__file__).resolve().parents[2]


def root() -> Path:
    """The folder holding `exercises/` and `seeds/`: the package's, or the checkout's."""
    return _PACKAGED if (_PACKAGED / "exercises").is_dir() else _CHECKOUT


def exercises() -> list[Path]:
    """Bundled exercise files, the tutorial first, then by name."""
    files = sorted((root() / "exercises").glob("*.yaml"))
    return sorted(files, key=lambda p: (p.stem != "tutorial", p.stem))
