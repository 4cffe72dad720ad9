"""YAML text to plain data and the line of every field path, refusing what an exercise never needs.

Authors fix problems by line, so the reader builds plain data from PyYAML's event
stream itself: aliases, odd tags and duplicate keys each need a position that
PyYAML's own constructor throws away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from tabletop.exercise.problems import LoadProblem, one_line, shown
from tabletop.exercise.references import Path as FieldPath

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD = "tag:yaml.org,2002:"
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""What YAML refuses to read; found first so the problem gets its line."""


@dataclass
class Document:
    """One YAML file as plain data, with the line of every field path in it."""

    file: str
    data: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    flagged: set[FieldPath] = field(default_factory=set)
    """Paths already reported here, whose validation errors would only repeat it."""
    problems: list[LoadProblem] = field(default_factory=list)
    usable: bool = False
    """The whole file was read and is a mapping of fields: there is something to validate."""

    def report(self, line: int, path: FieldPath, message: str) -> None:
        path_text = one_line(".".join(map(str, path)))
        self.problems.append(LoadProblem(self.file, line, path_text, one_line(message)))

    def flag(self, line: int, path: FieldPath, message: str) -> None:
        self.report(line, path, message)
        self.flagged.add(path)


def parse(text: str, name: str, what: str, max_depth: int) -> Document:
    """Read a file that must be one mapping of fields; `what` names the file in problems.

    Problems inside the data (a duplicate key, an unsupported tag) leave the
    document usable, with the fields concerned flagged.
    """
    doc = Document(name)
    if not _build(doc, text, max_depth):
        return doc
    if doc.data is None:
        if not doc.problems:
            doc.report(1, (), f"the file is empty: {what} is a YAML mapping of fields")
    elif not isinstance(doc.data, dict):
        got = shown(doc.data)
        doc.report(doc.lines.get((), 1), (), f"{what} must be a mapping of fields, got {got}")
    else:
        doc.usable = True
    return doc


def _build(doc: Document, text: str, max_depth: int) -> bool:
    """Build the document's data; False when the YAML cannot be read to the end."""
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line = len((text[: bad.start()] + "x").splitlines())
        doc.report(line, (), f"character U+{ord(bad[0]):04X} is not allowed in YAML text")
        return False
    try:
        _Builder(doc, max_depth).build(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        parts = [error.context, error.problem]
        message = "YAML syntax error: " + ": ".join(p for p in parts if p)
        doc.report(_line(error.problem_mark or error.context_mark), (), message)
        return False
    except yaml.YAMLError as error:
        doc.report(1, (), f"YAML syntax error: {error}")
        return False
    return True


@dataclass
class _Frame:
    """A mapping or sequence being built, and the key waiting for its value."""

    path: FieldPath
    value: dict[str, Any] | list[Any]
    key: str | None = None

    @property
    def wants_key(self) -> bool:
        return isinstance(self.value, dict) and self.key is None


_DISCARD = "\0discard"
"""Stands for a key already reported as unusable; its value is dropped."""


class _Builder:
    """Turns PyYAML events into dicts, lists and scalars, noting each node's line.

    A mapping value's line is its key's line, where an author looks for the field.
    """

    def __init__(self, doc: Document, max_depth: int) -> None:
        self.doc = doc
        self.max_depth = max_depth
        self.stack: list[_Frame] = []
        self.skipping = 0
        self.resolver: Any = yaml.resolver.Resolver()  # untyped in the stubs
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, events: Iterable[yaml.Event]) -> None:
        documents = 0
        for event in events:
            line = _line(event.start_mark)
            if self.skipping:
                self._skip(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.doc.report(
                        line,
                        (),
                        "a second YAML document starts here (---); an exercise file holds one",
                    )
                    return
            elif isinstance(event, yaml.AliasEvent | yaml.ScalarEvent):
                self._node(event, line)
            elif isinstance(event, yaml.CollectionStartEvent):
                self._start(event, line)
            elif isinstance(event, yaml.CollectionEndEvent):
                self._place(self.stack.pop().value)

    def _top(self) -> _Frame | None:
        return self.stack[-1] if self.stack else None

    def _node(self, event: yaml.AliasEvent | yaml.ScalarEvent, line: int) -> None:
        """A scalar or an alias: a key, a value, or the value of an unusable key."""
        top = self._top()
        alias = f"alias *{event.anchor} is not supported: write the value out in full"
        if top is not None and top.wants_key:
            if isinstance(event, yaml.ScalarEvent):
                self._key(top, event.value, event.tag, line)
            else:
                self.doc.report(line, top.path, alias)
                top.key = _DISCARD
        elif top is not None and top.key == _DISCARD:
            self._place(None)
        else:
            path = self._value_path(line)
            if isinstance(event, yaml.ScalarEvent):
                self._place(self._scalar(event, path, line))
            else:
                self.doc.flag(line, path, alias)
                self._place(None)

    def _key(self, top: _Frame, key: str, tag: str | None, line: int) -> None:
        path = (*top.path, key)
        self._check_tag(tag, path, line, scalar=True)
        if key in top.value:
            self.doc.report(
                line,
                path,
                f"duplicate key '{key}' (first at line "
                f"{self.doc.lines[path]}); YAML would silently keep only the last",
            )
            for stale in [p for p in self.doc.lines if p[: len(path)] == path]:
                del self.doc.lines[stale]
        self.doc.lines[path] = line
        top.key = key

    def _start(self, event: yaml.CollectionStartEvent, line: int) -> None:
        top = self._top()
        if top is not None and top.wants_key:
            self.doc.report(
                line, top.path, "a mapping key must be plain text, not a list or a mapping"
            )
            self.skipping = 1
            return
        if top is not None and top.key == _DISCARD:
            self.skipping = 1
            return
        path = self._value_path(line)
        if len(self.stack) >= self.max_depth:
            self.doc.flag(line, path, f"nested more than {self.max_depth} levels deep")
            self.skipping = 1
            return
        self._check_tag(event.tag, path, line, scalar=False)
        value: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(path, value))

    def _skip(self, event: yaml.Event) -> None:
        """Consume a subtree that cannot be used (already reported), then close its slot."""
        if isinstance(event, yaml.CollectionStartEvent):
            self.skipping += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            self.skipping -= 1
            if not self.skipping:
                self._place(None)

    def _value_path(self, line: int) -> FieldPath:
        """The path of the value starting at `line`; a list item or the root gets that line."""
        top = self._top()
        if top is not None and isinstance(top.value, dict):
            return (*top.path, top.key or "")
        path: FieldPath = (*top.path, len(top.value)) if top is not None else ()
        self.doc.lines[path] = line
        return path

    def _place(self, value: Any) -> None:
        """Put a finished node where it belongs: root, list item, key, or a mapping value."""
        top = self._top()
        if top is None:
            self.doc.data = value
        elif isinstance(top.value, list):
            top.value.append(value)
        elif top.key is None:
            top.key = _DISCARD  # an unusable key ended: its value is dropped
        else:
            if top.key != _DISCARD:
                top.value[top.key] = value
            top.key = None

    def _scalar(self, event: yaml.ScalarEvent, path: FieldPath, line: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if not self._check_tag(tag, path, line, scalar=True):
            return None
        if tag in (f"{_STANDARD}str", f"{_STANDARD}timestamp"):
            return event.value  # the format has no dates: keep what the author wrote
        try:
            return self.constructor.construct_object(yaml.ScalarNode(tag, event.value))
        except (ValueError, KeyError, IndexError, yaml.YAMLError):
            self.doc.flag(line, path, f"{shown(event.value)} is not a valid {_short(tag)}")
            return None

    def _check_tag(self, tag: str | None, path: FieldPath, line: int, *, scalar: bool) -> bool:
        """Refuse tags beyond plain text, numbers, booleans, null, lists and mappings."""
        allowed = ("str", "int", "float", "bool", "null", "timestamp") if scalar else ("seq", "map")
        if tag is None or tag == "!" or tag in {_STANDARD + name for name in allowed}:
            return True
        self.doc.flag(
            line,
            path,
            f"YAML tag {_short(tag)} is not supported here; "
            "write plain text, numbers, lists and mappings",
        )
        return False


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag
