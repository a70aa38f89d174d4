"""Native records (the format documented in ``burner_env.problems.model`` and
``docs/problem.schema.json``): one JSON object per problem, in JSONL, JSON or any of the other
files ``_files`` reads."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from burner_env.problems.loaders._convert import build_problems
from burner_env.problems.loaders._files import iter_records
from burner_env.problems.model import Problem

DATASET = "native"


def load_native(path: str | Path, *, on_error: str = "raise") -> list[Problem]:
    """Load native problem records from a local file or folder."""
    return build_problems(DATASET, iter_records(Path(path)), dict, native_record_id, on_error,
                          source=str(path))


def native_record_id(record: Mapping) -> str:
    return str(record["id"])
