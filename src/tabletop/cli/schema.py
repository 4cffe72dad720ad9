"""`tabletop schema`: the JSON Schema of the exercise format, for editors.

Editors check the file as the author writes it, before the loader reads any
digest, so a source that names a digest need not carry the digest's fields.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

SCHEMA_ID = "urn:tabletop:schema:exercise:tabletop/1"
"""A name, not an address: the schema is printed by `tabletop schema`, never fetched."""

_DIGEST_FIELDS = ["title", "author", "outlet", "date"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the exercise format (for editors)",
        description="Print the JSON Schema (draft 2020-12) of exercise files, for "
        "completion and checks in an editor: tabletop schema > tabletop.schema.json",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(exercise_schema(), indent=2, ensure_ascii=False))
    return 0


def exercise_schema() -> dict[str, Any]:
    """The schema of an exercise file as written: the model's, with digests allowed for."""
    from tabletop.exercise.model import Exercise

    body = Exercise.model_json_schema()
    source = body["$defs"]["Source"]
    source["required"] = [name for name in source["required"] if name not in _DIGEST_FIELDS]
    source["anyOf"] = [{"required": ["digest"]}, {"required": _DIGEST_FIELDS}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **body,
        "title": "tabletop exercise (format tabletop/1)",
    }
