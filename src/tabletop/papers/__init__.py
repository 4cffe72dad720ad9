"""A delegation's papers and the instructor pack, as Markdown and as print-ready HTML.

One home for what a delegation reads before and during a session: the
delegation screen shows these papers, and `tabletop papers` prints them.
"""

from tabletop.papers.html import to_html
from tabletop.papers.markdown import control_papers, delegation_papers, instructor_pack

__all__ = ["control_papers", "delegation_papers", "instructor_pack", "to_html"]
