"""The words for what happens at the table, for every screen and report alike.

Headless: it returns plain `Segment`s (text and what kind of text it is),
never markup, so the TUI styles them as `rich.text.Text`, the report
escapes them into Markdown or HTML, and a network client can do either.
Kept free of imports here, so a screen that needs only `plain` loads fast.
"""
