"""Legal acts as the engine makes them are the `LegalActs` the dataclass would make."""

from __future__ import annotations

import pickle

from tabletop.engine.legal import LegalActs, _made


def test_made_legal_acts_are_the_dataclass_s() -> None:
    values = ("fest", frozenset({"propose", "pass"}), (1,), (2,), (3,), (1, 3), ("town",))
    reasons = {"sign": "there is nothing to sign"}
    made = _made(*values, reasons)
    built = LegalActs(*values, injects=(), reasons=reasons)
    assert made == built
    assert repr(made) == repr(built)
    assert pickle.loads(pickle.dumps(made)) == built
