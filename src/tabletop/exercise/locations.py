"""A pydantic error location read against the exercise model: the field path an author wrote."""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Discriminator, Tag
from pydantic.fields import FieldInfo

from tabletop.exercise.model import Exercise
from tabletop.exercise.references import Path as FieldPath


@dataclass(frozen=True)
class Location:
    """A pydantic error location read against the model: the path as the author wrote it."""

    path: FieldPath
    model: type[BaseModel] | None = None
    """The model the last field belongs to, to list the fields it expects."""
    union: FieldPath | None = None
    """Where pydantic tried each member of a union, when it did."""
    member: type[BaseModel] | None = None
    key: bool = False
    """The error is about a mapping key, not its value."""


def locate(loc: tuple[int | str, ...]) -> Location:
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
            info = fields(kind).get(str(item))
            kind = info.annotation if info else None
            path.append(item)
        elif get_origin(kind) in (list, dict):
            path.append(item)
            if items[1:2] == ["[key]"]:
                return Location(tuple(path), model, union, member, key=True)
            kind = get_args(kind)[-1]
        else:
            break
        items.pop(0)
        if kind is None:
            break
    path.extend(item for item in items if item != "[key]")
    return Location(tuple(path), model, union, member)


def fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields by the name an author writes (the alias, where there is one)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


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
