"""The after-action report: a session log turned into Markdown or one HTML file.

Pure functions of a log's contents; no terminal, no UI. `build_report`
gathers what the debrief needs into a `Report`, `to_markdown` and `to_html`
lay it out.
"""

from tabletop.report.build import Report, build_report
from tabletop.report.html import to_html
from tabletop.report.markdown import to_markdown

__all__ = ["Report", "build_report", "to_html", "to_markdown"]
