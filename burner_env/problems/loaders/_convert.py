"""What every loader shares: record errors that name the dataset, record and field, the on-error
policy, and small validating accessors for dataset fields."""

from __future__ import annotations

import ast
import json
import math
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from burner_env.problems.loaders._files import UnreadableRecord
from burner_env.problems.model import Problem, ProblemFormatError

ON_ERROR_CHOICES = ("raise", "skip")
# How many skipped records a warning spells out; the rest are counted.
_WARNING_DETAIL_LIMIT = 20


class DatasetRecordError(ProblemFormatError):
    """A dataset record cannot be turned into a problem.

    The message names the dataset, the record (its id in the dataset and where it sits in the
    file) and the field, e.g. ``venus record '1' (line 3), field 'test_cases': not valid JSON``.
    """

    def __init__(self, dataset: str, record_id: str, field_name: str, reason: str,
                 location: str | None = None, source: str | None = None):
        super().__init__(record_id, field_name, reason, source)
        self.dataset = dataset
        self.location = location
        where = f" ({location})" if location else ""
        in_file = f" in {source}" if source else ""
        self.args = (f"{dataset} record {record_id!r}{where}{in_file}, field {field_name!r}: {reason}",)


class SkippedRecordWarning(UserWarning):
    """``on_error="skip"`` left out records that could not be loaded."""


class FieldError(Exception):
    """Raised by a converter for one bad field; the driver adds the dataset, record and place."""

    def __init__(self, field_name: str, reason: str):
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


def check_on_error(on_error: str) -> None:
    if on_error not in ON_ERROR_CHOICES:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR_CHOICES)}; got {on_error!r}")


def build_problems(
    dataset: str,
    records: Iterable[tuple[str, Any]],
    convert: Callable[[Mapping], dict],
    record_id: Callable[[Mapping], str],
    on_error: str,
    source: str | None = None,
) -> list[Problem]:
    """Convert ``(location, record)`` pairs to problems, applying the on-error policy.

    ``convert`` maps a dataset record to a native record (raising ``FieldError``); the native
    record is then validated by ``Problem.from_dict``. Ids must be unique within one load.
    """
    check_on_error(on_error)
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    skipped: list[DatasetRecordError] = []
    for location, record in records:
        try:
            problem = _build_one(dataset, location, record, convert, record_id, source)
            if problem.id in first_seen:
                raise DatasetRecordError(dataset, _safe_id(record_id, record), "id",
                                         f"duplicate problem id {problem.id!r} (first at "
                                         f"{first_seen[problem.id]})", location, source)
        except DatasetRecordError as error:
            if on_error == "raise":
                raise
            skipped.append(error)
            continue
        first_seen[problem.id] = location
        problems.append(problem)
    if skipped:
        warn_skipped(dataset, skipped)
    return problems


def _build_one(dataset: str, location: str, record: Any, convert: Callable[[Mapping], dict],
               record_id: Callable[[Mapping], str], source: str | None) -> Problem:
    if isinstance(record, UnreadableRecord):
        raise DatasetRecordError(dataset, "?", "<record>", record.reason, location, source)
    if not isinstance(record, Mapping):
        raise DatasetRecordError(dataset, "?", "<record>",
                                 f"expected an object, got {type(record).__name__}", location, source)
    rid = _safe_id(record_id, record)
    try:
        native = convert(record)
    except FieldError as error:
        raise DatasetRecordError(dataset, rid, error.field, error.reason, location, source) from None
    try:
        return Problem.from_dict(native)
    except ProblemFormatError as error:
        raise DatasetRecordError(dataset, rid, error.field, f"{error.reason} (in the converted problem)",
                                 location, source) from None


def _safe_id(record_id: Callable[[Mapping], str], record: Mapping) -> str:
    try:
        return record_id(record)
    except (FieldError, KeyError, TypeError, ValueError):
        return "?"


def warn_skipped(dataset: str, skipped: list[DatasetRecordError]) -> None:
    details = "; ".join(str(error) for error in skipped[:_WARNING_DETAIL_LIMIT])
    more = len(skipped) - _WARNING_DETAIL_LIMIT
    tail = f"; and {more} more" if more > 0 else ""
    warnings.warn(f"{dataset}: skipped {len(skipped)} record(s) that could not be loaded: {details}{tail}",
                  SkippedRecordWarning, stacklevel=4)


# --- field accessors ------------------------------------------------------------------------------


def text(record: Mapping, name: str, *, required: bool = True, default: str = "") -> str:
    value = record.get(name)
    if value is None:
        if required:
            raise FieldError(name, "is required")
        return default
    if not isinstance(value, str):
        raise FieldError(name, f"must be a string, got {type(value).__name__}")
    return value


def code(record: Mapping, name: str) -> str:
    """A required field of Python source; it must parse (it is never executed here)."""
    source = text(record, name)
    if not source.strip():
        raise FieldError(name, "is empty")
    check_parses(source, name)
    return source


def check_parses(source: str, field_name: str) -> None:
    try:
        ast.parse(source, f"<{field_name}>")
    except (SyntaxError, ValueError) as error:
        line = f" (line {error.lineno})" if isinstance(error, SyntaxError) and error.lineno else ""
        message = error.msg if isinstance(error, SyntaxError) else str(error)
        raise FieldError(field_name, f"is not valid Python: {message}{line}") from None


def json_value(record: Mapping, name: str) -> Any:
    """A field that datasets store as JSON text (or, after a round trip, already decoded)."""
    value = record.get(name)
    if value is None:
        raise FieldError(name, "is required")
    if not isinstance(value, str):
        return value
    if not value.strip():
        raise FieldError(name, "is empty")
    try:
        return json.loads(value)
    except ValueError as error:
        raise FieldError(name, f"is not valid JSON: {error}") from None


def string_list(record: Mapping, name: str) -> list[str]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise FieldError(name, "must be a list of strings")
    return list(value)


def difficulty(record: Mapping, name: str, mapping: Mapping[str, str]) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.lower() not in mapping:
        raise FieldError(name, f"must be one of {', '.join(sorted(mapping))}; got {value!r}")
    return mapping[value.lower()]


def finite_or_none(value: Any) -> float | None:
    """Recorded costs as JSON-safe numbers: failed runs are stored as +inf, which JSON cannot hold."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def slug(value: Any) -> str:
    """A dataset id as a problem-id fragment: letters, digits and '-_.' only."""
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in str(value))
    return cleaned.strip("-") or "x"
