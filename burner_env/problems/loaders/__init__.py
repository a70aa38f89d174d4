"""Loaders that turn datasets on local disk into ``Problem`` objects; nothing is downloaded.

One module per format (``native``, ``venus``, ``apps``, ``mercury``, ``humaneval``); each has
``load_<format>(path, *, on_error)`` and ``<format>_to_native(record)`` mapping one dataset record
to a native record. ``docs/DATASETS.md`` explains each mapping. Most users call
``burner_env.problems.load_suite`` instead, which also detects the format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from burner_env.problems.loaders._convert import (
    DatasetRecordError,
    FieldError,
    SkippedRecordWarning,
)
from burner_env.problems.loaders._files import DatasetFileError, UnreadableRecord, iter_records
from burner_env.problems.loaders.apps import apps_to_native, load_apps
from burner_env.problems.loaders.humaneval import (
    convert_check_function,
    humaneval_to_native,
    humaneval_wheel_data,
    load_humaneval,
)
from burner_env.problems.loaders.mercury import load_mercury, mercury_to_native
from burner_env.problems.loaders.native import load_native
from burner_env.problems.loaders.venus import load_venus, venus_to_native
from burner_env.problems.model import Problem

LOADERS: dict[str, Callable[..., list[Problem]]] = {
    "native": load_native,
    "venus": load_venus,
    "apps": load_apps,
    "mercury": load_mercury,
    "humaneval": load_humaneval,
}

# The fields that identify each format; a record is of a format when it has all of one set.
_SIGNATURES: dict[str, tuple[frozenset[str], ...]] = {
    "native": (frozenset({"id", "statement", "io", "tests"}),),
    "venus": (frozenset({"problem_id", "question_content", "test_case_runners", "test_cases"}),),
    "apps": (frozenset({"problem_id", "question", "input_output"}),
             frozenset({"problem_id", "problem_content", "test_cases"})),
    "mercury": (frozenset({"slug_name", "entry_point", "convert_offline", "evaluate_offline"}),),
    "humaneval": (frozenset({"task_id", "prompt", "entry_point", "canonical_solution", "test"}),),
}


def formats_of(record: Mapping) -> list[str]:
    """The formats whose identifying fields ``record`` has (normally exactly one)."""
    keys = set(record)
    return [name for name, signatures in _SIGNATURES.items() if any(s <= keys for s in signatures)]


def detect_format(path: str | Path) -> str:
    """Tell the format of a dataset file or folder from its first readable record."""
    path = Path(path)
    for location, record in iter_records(path):
        if isinstance(record, UnreadableRecord):
            continue
        if not isinstance(record, Mapping):
            break
        found = formats_of(record)
        if len(found) == 1:
            return found[0]
        which = " or ".join(found) if found else "none of " + ", ".join(LOADERS)
        raise DatasetFileError(f"{path}: cannot tell the format from its first record ({location}); it "
                               f"looks like {which}; pass format= one of {', '.join(LOADERS)}")
    raise DatasetFileError(f"{path}: no record to tell the format from; pass format= one of "
                           f"{', '.join(LOADERS)}")


def load_dataset(path: str | Path, format: str | None = None, *, on_error: str = "raise") -> list[Problem]:
    """Load a dataset file or folder as problems, detecting its format unless ``format`` is given."""
    chosen = format or detect_format(path)
    if chosen not in LOADERS:
        raise ValueError(f"unknown format {chosen!r}; expected one of {', '.join(LOADERS)}")
    return LOADERS[chosen](path, on_error=on_error)


__all__ = [
    "LOADERS",
    "DatasetFileError",
    "DatasetRecordError",
    "FieldError",
    "SkippedRecordWarning",
    "apps_to_native",
    "convert_check_function",
    "detect_format",
    "formats_of",
    "humaneval_to_native",
    "humaneval_wheel_data",
    "iter_records",
    "load_apps",
    "load_dataset",
    "load_humaneval",
    "load_mercury",
    "load_native",
    "load_venus",
    "mercury_to_native",
    "venus_to_native",
]
