"""Comparison of an actual output with the expected one, in the trusted parent.

Values reach here already decoded from the child's tagged data, so they are plain Python data;
still, comparisons check exact types so that ``True`` does not pass for ``1`` and a tuple does
not pass for a list.
"""

from __future__ import annotations

import json
import math
from typing import Any

from burner_env.problems.model import Checker


def values_equal(actual: Any, expected: Any, checker: Checker) -> bool:
    """Whether a decoded output matches; anything the comparison cannot handle is a mismatch.

    The output is the submission's: an int too large for a float (``10**400`` against a float),
    a dict whose keys of mixed types cannot be ordered, data nested to the recursion limit — each
    is a wrong answer, never an exception out of the parent.
    """
    try:
        return _values_equal(actual, expected, checker)
    except (OverflowError, TypeError, ValueError, RecursionError):
        return False


def _values_equal(actual: Any, expected: Any, checker: Checker) -> bool:
    if checker.kind == "float":
        return _close(actual, expected, checker.rel_tol, checker.abs_tol)
    if checker.kind == "unordered" and type(actual) is list and type(expected) is list:
        return len(actual) == len(expected) and _exact(sorted(actual, key=_sort_key),
                                                       sorted(expected, key=_sort_key))
    return _exact(actual, expected)


def _exact(actual: Any, expected: Any) -> bool:
    if type(actual) is not type(expected):
        return False
    if type(expected) in (list, tuple):
        return len(actual) == len(expected) and all(map(_exact, actual, expected))
    if type(expected) is dict:
        return actual.keys() == expected.keys() and all(_exact(actual[k], expected[k]) for k in expected)
    return actual == expected


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _close(actual: Any, expected: Any, rel_tol: float, abs_tol: float) -> bool:
    if _is_number(actual) and _is_number(expected):
        return math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=abs_tol)
    if type(actual) is not type(expected):
        return False
    if type(expected) in (list, tuple):
        return len(actual) == len(expected) and all(
            _close(a, e, rel_tol, abs_tol) for a, e in zip(actual, expected))
    if type(expected) is dict:
        return actual.keys() == expected.keys() and all(
            _close(actual[k], expected[k], rel_tol, abs_tol) for k in expected)
    return actual == expected


def _sort_key(value: Any) -> str:
    """A total order over mixed data: sort by a canonical JSON rendering."""
    return json.dumps(value, sort_keys=True, default=repr)


def normalise_text(text: str) -> list[list[str]]:
    """Stdout comparison ignores trailing spaces, blank lines and runs of whitespace."""
    return [line.split() for line in text.strip().splitlines() if line.strip()]


def texts_equal(actual: str, expected: str, checker: Checker) -> bool:
    """Whether printed text matches; like ``values_equal``, never raises on what was printed."""
    try:
        return _texts_equal(actual, expected, checker)
    except (OverflowError, TypeError, ValueError, RecursionError):
        return False


def _texts_equal(actual: str, expected: str, checker: Checker) -> bool:
    actual_lines, expected_lines = normalise_text(actual), normalise_text(expected)
    if checker.kind != "float":
        return actual_lines == expected_lines
    if len(actual_lines) != len(expected_lines):
        return False
    for actual_tokens, expected_tokens in zip(actual_lines, expected_lines):
        if len(actual_tokens) != len(expected_tokens):
            return False
        for a, e in zip(actual_tokens, expected_tokens):
            if a != e and not _tokens_close(a, e, checker):
                return False
    return True


def _tokens_close(actual: str, expected: str, checker: Checker) -> bool:
    try:
        return math.isclose(float(actual), float(expected), rel_tol=checker.rel_tol,
                            abs_tol=checker.abs_tol)
    except ValueError:
        return False


def short_repr(value: Any, limit: int = 200) -> str:
    try:
        text = repr(value)
    except Exception:  # plain data always has a repr; be safe anyway
        text = "<unrepresentable>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
