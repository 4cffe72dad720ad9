"""A delegation's papers quote the facts they cite, and only those its delegation may read."""

from __future__ import annotations

import re

from tabletop import bundled
from tabletop.engine import Session, role_view
from tabletop.exercise.loader import load
from tabletop.papers import delegation_papers


def test_the_papers_quote_the_facts_they_cite_and_no_others() -> None:
    treaty = load(next(p for p in bundled.exercises() if p.stem == "treaty-for-security"))
    facts = {fact.id: " ".join(fact.text.split()) for fact in treaty.sources[0].facts}
    papers = delegation_papers(role_view(Session(treaty, 1), "china"))
    sources = papers[papers.index("## Sources cited") :]
    assert "Hazel Smith, *Joe Biden Should Learn from History" in sources
    assert f"**[F4]** {facts['F4']}" in sources, "cited in China's confidential briefing"
    assert f"**[F18]** {facts['F18']}" in sources, "cited in the exercise's summary"
    assert "[F16]" not in sources, "cited only in the US delegation's confidential briefing"
    cited = re.findall(r"^- \*\*\[F(\d+)\]", sources, flags=re.MULTILINE)
    assert cited == sorted(cited, key=int), "listed as the digest lists them"
