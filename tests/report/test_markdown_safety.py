"""The Markdown report in a viewer that renders raw HTML and follows any link.

An exercise and a log are untrusted: whatever text they hold, the Markdown
report renders to no tag Markdown does not make itself, and to no link but to
the web or a mail address, even in a permissive renderer.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tabletop.report.markdown import _defused
from tabletop.report.prose import followable

MARKDOWN_TAGS = {
    *("p", "em", "strong", "code", "pre", "a", "img", "blockquote", "hr", "br"),
    *("ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"),
}


def permissive() -> MarkdownIt:
    """A renderer that passes raw HTML and follows any link, as some viewers do."""
    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    return renderer


class Page(HTMLParser):
    """The tags and link targets of an HTML page; an event handler attribute fails at once."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k in ("href", "src")]
        assert not [k for k, _ in attrs if k.startswith("on")], attrs


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def rendered(markdown: str) -> Page:
    return parsed(permissive().render(markdown))


def assert_safe(markdown: str) -> None:
    seen = rendered(markdown)
    assert seen.tags <= MARKDOWN_TAGS, seen.tags
    assert all(followable(link) for link in seen.links), seen.links


FRAGMENTS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>x</a>",
        "[x](javascript:alert(1))",
        "[x]( JaVaScRiPt:alert(1) )",
        "[x](jav&#x61;script:alert(1))",
        "[x](java&Tab;script:alert(1))",
        "[x](javascript\\:alert(1))",
        "![i](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[r]: javascript:alert(1)",
        "[r]:\n  vbscript:x",
        "> [q]: data:x",
        "[r]",
        "[q]",
        "<javascript:alert(1)>",
        "<https://example.org>",
        "[ok](https://example.org)",
        "[mail](mailto:a@example.org)",
        "&#x3C;b>",
        "&lt;i>",
        "\\",
        "\\\\",
        "<",
        ">",
        "](",
        "[",
        "]",
        "(",
        ")",
        ":",
        "`",
        "*",
        " ",
        "\n",
        "\n\n",
        "    ",
        "- ",
        "javascript:",
        "text",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=12).map("".join))
def test_no_raw_html_and_no_link_to_a_script_in_any_text(text: str) -> None:
    assert_safe(_defused(text))


def test_a_web_link_is_kept_and_a_script_link_reads_as_text() -> None:
    text = _defused("[ok](https://example.org) and [bad](javascript:alert(1)) <b>x</b>")
    assert text == ("[ok](https://example.org) and [bad]\\(javascript:alert(1)) &lt;b>x&lt;/b>")
    assert rendered(text).links == ["https://example.org"]
