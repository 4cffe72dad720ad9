"""Papers for the printer: one self-contained HTML file, each document on its own pages."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #111;
  margin: 0 auto; max-width: 48rem; padding: 1.5rem; }
section.papers + section.papers { border-top: 3px double #333; margin-top: 2rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 1px solid #333; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #999; padding: .15rem .5rem; text-align: left; vertical-align: top; }
td:last-child, th:last-child { font-variant-numeric: tabular-nums; }
@page { margin: 18mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  section.papers { break-before: page; }
  section.papers:first-of-type { break-before: auto; }
  section.papers + section.papers { border-top: none; margin-top: 0; }
  h2, h3 { break-after: avoid; }
  table, li { break-inside: avoid; }
}
"""


def to_html(title: str, documents: list[str]) -> str:
    """The Markdown documents as one page to print, a new sheet for each document."""
    sections = "\n".join(
        f'<section class="papers">\n{_MARKDOWN.render(document)}</section>'
        for document in documents
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{sections}\n</body>\n</html>\n"
    )
