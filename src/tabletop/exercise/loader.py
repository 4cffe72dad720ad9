"""Read an exercise file into an `Exercise`, or say exactly what is wrong and where.

Authors fix problems by line, so the loader keeps the line of every YAML node:
it builds plain data from PyYAML's event stream itself (aliases, odd tags and
duplicate keys each need a position that PyYAML's own constructor throws
away), validates that data with the models, and maps every pydantic error
location back to the line and the field path the author wrote. It also reads
each source's digest, so the `Exercise` carries every fact a briefing cites.
"""

from __future__ import annotations

import os
import re
import stat
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, Discriminator, StringConstraints, Tag, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from tabletop.exercise.model import Exercise, Fact, Id
from tabletop.exercise.references import Path as FieldPath
from tabletop.exercise.references import problems as reference_problems

MAX_BYTES = 4 * 1024 * 1024
"""Exercises are a few hundred kilobytes at most; a bigger file is a mistake."""

MAX_DEPTH = 64
"""Deeper nesting is never an exercise, and would strain recursive validation."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD = "tag:yaml.org,2002:"
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""What YAML refuses to read; found first so the problem gets its line."""
_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class LoadProblem:
    """One thing an author has to fix, printed as `FILE:LINE: field.path: message`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ExerciseError(ValueError):
    """An exercise that cannot be loaded, with every problem found, in line order."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load(path: Path) -> Exercise:
    """Load an exercise file, resolving digest paths against its folder."""
    name = str(path)
    try:
        raw = _read(path)
    except _Unreadable as error:
        raise ExerciseError([LoadProblem(name, 1, "", error.reason)]) from None
    return load_text(_decode(raw, name), name, path.parent)


def load_text(text: str, name: str, base: Path) -> Exercise:
    """Load an exercise from text; `name` is the file to blame, `base` the folder for digests."""
    loading = _Loading(name)
    exercise = loading.run(text, base)
    if exercise is None or loading.problems:
        raise ExerciseError(loading.sorted_problems())
    return exercise


# Reading files ------------------------------------------------------------------


class _Unreadable(Exception):
    """A file that cannot be opened: blamed on whatever named it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise _Unreadable("is a directory")
        if not stat.S_ISREG(mode):
            raise _Unreadable("not a regular file")
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _Unreadable("no such file") from None
    except PermissionError:
        raise _Unreadable("permission denied") from None
    except OSError as error:
        raise _Unreadable(error.strerror or str(error)) from None


def _decode(raw: bytes, name: str) -> str:
    """The text of a file, or the reason it is not YAML text at all."""
    if len(raw) > MAX_BYTES:
        reason, line = f"too large for an exercise (over {MAX_BYTES // 2**20} MB)", 1
    elif b"\0" in raw:
        reason, line = "binary data, not YAML text", raw[: raw.index(b"\0")].count(b"\n") + 1
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            bad = raw[error.start]
            reason = f"not UTF-8 text (byte 0x{bad:02X}); save the file as UTF-8"
            line = raw[: error.start].count(b"\n") + 1
    raise ExerciseError([LoadProblem(name, line, "", reason)])


# YAML to plain data -------------------------------------------------------------


@dataclass
class _Document:
    """One YAML file as plain data, with the line of every field path in it."""

    file: str
    data: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    flagged: set[FieldPath] = field(default_factory=set)
    """Paths already reported here, whose validation errors would only repeat it."""
    problems: list[LoadProblem] = field(default_factory=list)
    broken: bool = False
    """The YAML could not be read to the end, so the data is incomplete."""

    def report(self, line: int, path: FieldPath, message: str) -> None:
        path_text, message = _one_line(_dotted(path)), _one_line(message)
        self.problems.append(LoadProblem(self.file, line, path_text, message))

    def flag(self, line: int, path: FieldPath, message: str) -> None:
        self.report(line, path, message)
        self.flagged.add(path)


@dataclass
class _Frame:
    """A mapping or sequence being built, and the key waiting for its value."""

    path: FieldPath
    value: dict[str, Any] | list[Any]
    key: str | None = None


_DISCARD = "\0discard"
"""Stands for a key already reported as unusable; its value is dropped."""


class _Builder:
    """Turns PyYAML events into dicts, lists and scalars, noting each node's line.

    A mapping value's line is its key's line, where an author looks for the field.
    """

    def __init__(self, doc: _Document) -> None:
        self.doc = doc
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

    def _node(self, event: yaml.AliasEvent | yaml.ScalarEvent, line: int) -> None:
        """A scalar or an alias: a key, a value, or the value of an unusable key."""
        top = self.stack[-1] if self.stack else None
        alias = f"alias *{event.anchor} is not supported: write the value out in full"
        if top is not None and isinstance(top.value, dict) and top.key is None:
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
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self.doc.report(
                line, top.path, "a mapping key must be plain text, not a list or a mapping"
            )
            self.skipping = 1
            return
        if top is not None and top.key == _DISCARD:
            self.skipping = 1
            return
        path = self._value_path(line)
        if len(self.stack) >= MAX_DEPTH:
            self.doc.flag(line, path, f"nested more than {MAX_DEPTH} levels deep")
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
        if self.stack and isinstance(self.stack[-1].value, dict):
            top = self.stack[-1]
            return (*top.path, top.key or "")
        path: FieldPath = (*self.stack[-1].path, len(self.stack[-1].value)) if self.stack else ()
        self.doc.lines[path] = line
        return path

    def _place(self, value: Any) -> None:
        """Put a finished node where it belongs: root, list item, key, or a mapping value."""
        if not self.stack:
            self.doc.data = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
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
            self.doc.flag(line, path, f"{_shown(event.value)} is not a valid {_short(tag)}")
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


def _parse(text: str, name: str) -> _Document:
    doc = _Document(name)
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line = len((text[: bad.start()] + "x").splitlines())
        doc.report(line, (), f"character U+{ord(bad[0]):04X} is not allowed in YAML text")
        doc.broken = True
        return doc
    try:
        _Builder(doc).build(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        doc.report(_line(error.problem_mark or error.context_mark), (), _yaml_message(error))
        doc.broken = True
    except yaml.YAMLError as error:
        doc.report(1, (), f"YAML syntax error: {error}")
        doc.broken = True
    return doc


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context, error.problem]
    return "YAML syntax error: " + ": ".join(p for p in parts if p)


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


def _dotted(path: FieldPath) -> str:
    return ".".join(map(str, path))


def _one_line(text: str) -> str:
    """Escape line breaks an author's keys or values may hold: a problem is one line."""
    return _BREAKS.sub(lambda match: repr(match[0])[1:-1], text)


# One load: documents, digests, validation -----------------------------------------


@dataclass(frozen=True)
class _Mount:
    """A document whose data sits at `at` in the exercise (the exercise itself at ())."""

    at: FieldPath
    doc: _Document


class _Loading:
    """The documents of one load and every problem found in them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.documents: list[_Document] = []
        self.mounts: list[_Mount] = []
        self.incomplete: set[FieldPath] = set()
        """Sources whose digest could not be read: their missing fields are no news."""

    @property
    def problems(self) -> list[LoadProblem]:
        return [problem for doc in self.documents for problem in doc.problems]

    def sorted_problems(self) -> list[LoadProblem]:
        order = {doc.file: index for index, doc in enumerate(self.documents)}
        return sorted(self.problems, key=lambda p: (order[p.file], p.line))

    def run(self, text: str, base: Path) -> Exercise | None:
        doc = self._document(text, self.name, "an exercise")
        if doc is None:
            return None
        self.mounts.append(_Mount((), doc))
        self._attach_digests(doc, base)
        try:
            exercise = Exercise.model_validate(doc.data, context={"skip_references": True})
        except ValidationError as error:
            for path, message, missing in _explain(error.errors(include_url=False), doc.data):
                self._report(path, message, missing=missing)
            return None
        for problem in reference_problems(exercise):
            self._report(problem.path, problem.message)
        return exercise

    def _document(self, text: str, name: str, what: str) -> _Document | None:
        """Parse a file; its data when that is a mapping, else None with the problem noted."""
        doc = _parse(text, name)
        self.documents.append(doc)
        if doc.broken:
            return None
        if doc.data is None:
            if not doc.problems:
                doc.report(1, (), f"the file is empty: {what} is a YAML mapping of fields")
            return None
        if not isinstance(doc.data, dict):
            got = _shown(doc.data)
            doc.report(doc.lines.get((), 1), (), f"{what} must be a mapping of fields, got {got}")
            return None
        return doc

    def _attach_digests(self, doc: _Document, base: Path) -> None:
        sources = doc.data.get("sources")
        if not isinstance(sources, list):
            return
        for index, entry in enumerate(sources):
            if isinstance(entry, dict) and isinstance(entry.get("digest"), str):
                at: FieldPath = ("sources", index)
                digest = self._digest(base / entry["digest"], (*at, "digest"), doc)
                if digest is None:
                    self.incomplete.add(at)
                else:
                    sources[index] = self._merge(entry, at, doc, digest)
                    self.mounts.append(_Mount(at, digest))

    def _digest(self, path: Path, named_at: FieldPath, doc: _Document) -> _Document | None:
        name = os.path.normpath(path)
        try:
            text = _decode(_read(path), name)
        except _Unreadable as error:
            doc.report(doc.lines[named_at], named_at, f"cannot read digest {name}: {error.reason}")
            return None
        except ExerciseError as error:
            self.documents.append(_Document(name, problems=error.problems))
            return None
        return self._document(text, name, "a digest")

    def _merge(
        self, entry: dict[str, Any], at: FieldPath, doc: _Document, digest: _Document
    ) -> dict[str, Any]:
        """The source entry with the digest's fields; each field may be set in one place only."""
        merged = dict(entry)
        for key, value in digest.data.items():
            line = digest.lines[(key,)]
            if key == "digest":
                digest.flag(line, (key,), "a digest cannot name another digest")
            elif key == "id":
                if isinstance(entry.get("id"), str) and value != entry["id"]:
                    digest.flag(
                        line,
                        (key,),
                        f"digest id {_shown(value)} does not match "
                        f"source id '{entry['id']}' in {doc.file}",
                    )
            elif key in entry:
                doc.flag(
                    doc.lines[(*at, key)],
                    (*at, key),
                    f"also set in the digest {digest.file}; set it in one place",
                )
            else:
                merged[key] = value
        return merged

    def _report(self, path: FieldPath, message: str, *, missing: bool = False) -> None:
        if missing and path[:-1] in self.incomplete:
            return
        doc, rel, line = self._where(path)
        if any(rel[:depth] in doc.flagged for depth in range(len(rel) + 1)):
            return
        doc.report(line, rel, message)

    def _where(self, path: FieldPath) -> tuple[_Document, FieldPath, int]:
        """The document and line of the deepest node on `path` that exists.

        A path that exists in full wins (the exercise first: its fields override a
        digest's); otherwise the deepest partial match, a digest over the exercise, so a
        field a digest lacks is blamed on the digest.
        """
        best: tuple[tuple[bool, int, int], _Document, FieldPath, int] | None = None
        for index, mount in enumerate(self.mounts):
            if path[: len(mount.at)] != mount.at:
                continue
            rel = path[len(mount.at) :]
            depth = next(d for d in range(len(rel), -1, -1) if rel[:d] in mount.doc.lines)
            exact = depth == len(rel)
            score = (exact, len(mount.at) + depth, -index if exact else index)
            if best is None or score > best[0]:
                best = (score, mount.doc, rel, mount.doc.lines[rel[:depth]])
        assert best is not None, "the exercise is mounted at the root"
        return best[1], best[2], best[3]


# Pydantic errors to the author's words --------------------------------------------


@dataclass(frozen=True)
class _Loc:
    """A pydantic error location read against the model: the path as the author wrote it."""

    path: FieldPath
    model: type[BaseModel] | None = None
    """The model the last field belongs to, to list the fields it expects."""
    union: FieldPath | None = None
    """Where pydantic tried each member of a union, when it did."""
    member: type[BaseModel] | None = None
    key: bool = False
    """The error is about a mapping key, not its value."""


def _explain(errors: list[ErrorDetails], data: Any) -> Iterator[tuple[FieldPath, str, bool]]:
    """(path, message, is a missing field) for each error; one message per failed union."""
    unions: dict[FieldPath, dict[type[BaseModel], list[tuple[_Loc, ErrorDetails]]]] = {}
    for error in errors:
        loc = _locate(error["loc"])
        if loc.union is None or loc.member is None:
            yield loc.path, _message(error, loc), error["type"] == "missing"
        else:
            unions.setdefault(loc.union, {}).setdefault(loc.member, []).append((loc, error))
    for where, members in unions.items():
        yield from _explain_union(where, members, _value_at(data, where))


def _explain_union(
    where: FieldPath,
    members: dict[type[BaseModel], list[tuple[_Loc, ErrorDetails]]],
    value: Any,
) -> Iterator[tuple[FieldPath, str, bool]]:
    """Explain the member the author evidently meant, or say what the choices are.

    The member meant is the one whose own fields the mapping has; when it has
    fields of several, the one with fewest errors, unless that is a tie.
    """
    alternatives = _alternatives(list(members))
    either = " or ".join(
        f"({', '.join(names)})" if any(len(n) > 1 for n in alternatives.values()) else names[0]
        for names in alternatives.values()
    )
    if not isinstance(value, dict):
        yield where, f"expected a mapping with either {either}, got {_shown(value)}", False
        return
    meant = [m for m, names in alternatives.items() if any(n in value for n in names)]
    ranked = sorted((members[m] for m in meant), key=len)
    if len(ranked) == 1 or (len(ranked) > 1 and len(ranked[0]) < len(ranked[1])):
        for loc, error in ranked[0]:
            yield loc.path, _message(error, loc), error["type"] == "missing"
    elif ranked:
        yield where, f"expected either {either}, not both", False
    elif value:
        yield where, f"expected either {either}, got {_keys(value)}", False
    else:
        yield where, f"expected either {either}", False


def _alternatives(models: list[type[BaseModel]]) -> dict[type[BaseModel], list[str]]:
    """The required fields that tell each union member from the others."""
    required = {m: [n for n, f in _fields(m).items() if f.is_required()] for m in models}
    common = set.intersection(*(set(names) for names in required.values()))
    return {m: [n for n in names if n not in common] or names for m, names in required.items()}


def _locate(loc: tuple[int | str, ...]) -> _Loc:
    """Walk the model's types along a pydantic location, dropping the union members it names."""
    kind: Any = Exercise
    path: list[int | str] = []
    model: type[BaseModel] | None = None
    union: FieldPath | None = None
    member: type[BaseModel] | None = None
    items = list(loc)
    while items:
        item = items[0]
        kind = _plain(kind)
        if get_origin(kind) is Annotated:  # a tagged union: the location names the tag
            kind = _tagged(kind, item)
        elif _is_union(kind):  # a smart union: the location names the member class
            kind = next((m for m in get_args(kind) if getattr(m, "__name__", None) == item), None)
            if union is None and kind is not None:
                union, member = tuple(path), kind
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            model = kind
            info = _fields(kind).get(str(item))
            kind = info.annotation if info else None
            path.append(item)
        elif get_origin(kind) in (list, dict):
            path.append(item)
            if items[1:2] == ["[key]"]:
                return _Loc(tuple(path), model, union, member, key=True)
            kind = get_args(kind)[-1]
        else:
            break
        items.pop(0)
        if kind is None:
            break
    path.extend(item for item in items if item != "[key]")
    return _Loc(tuple(path), model, union, member)


def _plain(kind: Any) -> Any:
    """Drop the wrappers that add nothing to a location: Annotated and Optional."""
    while True:
        if get_origin(kind) is Annotated:
            if any(isinstance(m, Discriminator) for m in kind.__metadata__):
                return kind
            kind = get_args(kind)[0]
        elif _is_union(kind) and len(members := _non_null(kind)) == 1:
            kind = members[0]
        else:
            return kind


def _is_union(kind: Any) -> bool:
    return get_origin(kind) in (Union, types.UnionType)


def _non_null(kind: Any) -> list[Any]:
    return [m for m in get_args(kind) if m is not type(None)]


def _tagged(kind: Any, tag: int | str) -> Any:
    for member in get_args(get_args(kind)[0]):
        if any(isinstance(m, Tag) and m.tag == tag for m in getattr(member, "__metadata__", ())):
            return get_args(member)[0]
    return None


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields by the name an author writes (the alias, where there is one)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _value_at(data: Any, path: FieldPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _pattern(metadata: Iterable[Any]) -> str:
    return next(str(m.pattern) for m in metadata if isinstance(m, StringConstraints) and m.pattern)


_PATTERNS = {
    _pattern(get_args(Id)[1:]): "must be a lower-case id: a letter, then letters, digits, - or _",
    _pattern(Fact.model_fields["id"].metadata): "must be F and a number, like F3",
}

_MESSAGES = {
    "missing": "field required",
    "string_type": "expected text, got {shown}",
    "int_type": "expected an integer, got {shown}",
    "int_parsing": "expected an integer, got {shown}",
    "int_from_float": "expected a whole number, got {shown}",
    "int_parsing_size": "number too large",
    "float_type": "expected a number, got {shown}",
    "float_parsing": "expected a number, got {shown}",
    "finite_number": "must be a finite number",
    "bool_type": "expected true or false, got {shown}",
    "bool_parsing": "expected true or false, got {shown}",
    "list_type": "expected a list, got {shown}",
    "dict_type": "expected a mapping, got {shown}",
    "model_type": "expected a mapping, got {shown}",
    "literal_error": "expected {expected}, got {shown}",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "too_short": "needs at least {min_length} {items}, got {actual_length}",
    "too_long": "allows at most {max_length} {items}, got {actual_length}",
    "string_too_long": "must be at most {max_length} characters",
}


def _message(error: ErrorDetails, loc: _Loc) -> str:
    kind, value = error["type"], error["input"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "extra_forbidden":
        expected = f" (expected one of: {', '.join(_fields(loc.model))})" if loc.model else ""
        return f"unknown field '{loc.path[-1]}'{expected}"
    if kind == "string_too_short":
        text = (
            "must not be empty"
            if context.get("min_length") == 1
            else (f"must be at least {context.get('min_length')} characters")
        )
    elif kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern"))
        text = f"{_PATTERNS.get(pattern, f'must match {pattern}')}, got {_shown(value)}"
    elif kind in _MESSAGES:
        items = "item" if context.get("min_length", context.get("max_length")) == 1 else "items"
        text = _MESSAGES[kind].format(shown=_shown(value), items=items, **context)
    else:  # the models' own messages (conditions, validators) are already written for authors
        text = f"{error['msg'].removeprefix('Value error, ')}, got {_shown(value)}"
    if kind == "string_type" and isinstance(value, bool | int | float):
        text += " (put it in quotes to keep it as text)"
    return f"key {text}" if loc.key else text


def _shown(value: Any) -> str:
    """A value as an author would recognise it from their YAML."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}…'"
    if isinstance(value, dict):
        return f"a mapping with {_keys(value)}" if value else "an empty mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def _keys(mapping: dict[str, Any]) -> str:
    names = list(mapping)
    return ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
