#!/usr/bin/python3
"""Checks a JSON document against a JSON Schema (draft 2020-12) with python3-jsonschema and prints
every violation on a line of its own: "$.path[0].to: keyword: message" (the path in the form the
engine's problems use, the schema keyword that failed, jsonschema's message). Exit 0 either way;
2 if the schema itself is not a valid draft 2020-12 schema.

Usage: json_schema_check.py SCHEMA DOCUMENT
"""

import json
import sys

import jsonschema


def where(path) -> str:
    out = "$"
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"the schema is not valid: {e.message}", file=sys.stderr)
        return 2
    v = jsonschema.Draft202012Validator(schema)
    for e in sorted(v.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        report(e)
    return 0


# Long instances (a whole table) make messages unreadable; the path says where.
def short(message: str) -> str:
    return message if len(message) <= 300 else message[:300] + "..."


def report(e) -> None:
    print(f"{where(e.absolute_path)}: {e.validator}: {short(e.message)}")
    # oneOf / anyOf (a table inline or as a CSV path): also what failed inside each branch, so that
    # the field at fault is named.
    for sub in e.context or []:
        report(sub)


if __name__ == "__main__":
    sys.exit(main())
