"""The collector policy: a pause always ends, whatever fails inside it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tabletop import collector
from tabletop.cli import main


@pytest.fixture(autouse=True)
def collection_on() -> Iterator[None]:
    """Each test starts with collection on, and leaves it on for the tests after it."""
    gc.enable()
    yield
    gc.enable()
    gc.unfreeze()


def test_a_pause_ends_when_its_block_fails() -> None:
    with pytest.raises(RuntimeError), collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("the exercises could not be loaded")
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_collection_to_the_outer_one() -> None:
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collection_resumes_when_the_start_screen_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tabletop` with no command pauses collection for start-up; a failed start-up ends it."""
    import tabletop.tui.app

    def broken(given: object = ()) -> int:
        assert not gc.isenabled(), "start-up runs with collection paused"
        raise RuntimeError("loading the exercises failed")

    monkeypatch.setattr(tabletop.tui.app, "run_start_screen", broken)
    with pytest.raises(RuntimeError):
        main([])
    assert gc.isenabled()


def test_start_up_over_resumes_collection_inside_the_pause() -> None:
    with collector.paused():
        collector.start_up_over()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert gc.isenabled()
