"""Choosing the problems an environment, adapter or command works on: a suite and, optionally, ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from burner_env.problems.model import Problem
from burner_env.problems.suite import load_suite

# Suggestions for a mistyped id: how many, and how close they must be (difflib's ratio).
_SUGGESTIONS = 3
_SUGGESTION_CUTOFF = 0.6


def select_problems(suite: str | list[Problem], problem_ids: str | Iterable[str] | None = None) -> list[Problem]:
    """The problems of ``suite`` (a suite name, a dataset path, or a list of problems), in suite order.

    ``problem_ids`` keeps only those ids: one id as a string (``"HumanEval/0"``) or several in a
    list. An id that is not in the suite raises ``ValueError`` naming it, with the closest ids.
    """
    problems = load_suite(suite) if isinstance(suite, str) else list(suite)
    if not problems or not all(isinstance(p, Problem) for p in problems):
        raise ValueError("suite must name a non-empty suite or be a non-empty list of Problem")
    if problem_ids is None:
        return problems
    wanted = _as_id_list(problem_ids)
    known = {p.id for p in problems}
    missing = [pid for pid in wanted if pid not in known]
    if missing:
        raise ValueError(f"problem_ids: no such problems in the suite: {missing}{_suggest(missing, known)}")
    chosen = set(wanted)
    return [p for p in problems if p.id in chosen]


def _as_id_list(problem_ids: str | Iterable[str]) -> list[str]:
    # A string is one id: iterating it would select problems named by its letters.
    if isinstance(problem_ids, str):
        return [problem_ids]
    try:
        wanted = list(problem_ids)
    except TypeError:
        raise TypeError(f"problem_ids must be an id or a list of ids, got {type(problem_ids).__name__}") from None
    bad = [pid for pid in wanted if not isinstance(pid, str)]
    if bad:
        raise TypeError(f"problem_ids must hold strings (problem ids); got {bad[:3]!r}")
    if not wanted:
        raise ValueError("problem_ids is empty: pass None for the whole suite, or at least one id")
    return wanted


def _suggest(missing: list[str], known: set[str]) -> str:
    # Compared case-insensitively, so that "humaneval-0" finds "HumanEval/0".
    by_folded = {pid.casefold(): pid for pid in known}
    close = []
    for pid in missing:
        for match in difflib.get_close_matches(pid.casefold(), by_folded, _SUGGESTIONS, _SUGGESTION_CUTOFF):
            if by_folded[match] not in close:
                close.append(by_folded[match])
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""
