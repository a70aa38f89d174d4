"""verl adapter: a custom reward function (``compute_score``) and the rows of verl's RL parquet files.

verl calls ``compute_score(data_source, solution_str, ground_truth, extra_info)`` for each response with
the ``data_source`` and ``reward_model.ground_truth`` columns of the training parquet; ``compute_score_batch``
is the batch reward manager's form (all responses of a batch at once, evaluated concurrently). The files
come from :func:`build_records` (see ``examples/verl_prepare_data.py``): ``ground_truth`` is the problem id,
``extra_info`` carries the suite and the instruction.

verl configuration (see ``docs/DISTRIBUTED.md``)::

    custom_reward_function.path=<path of this file, or examples/verl_reward.py>
    custom_reward_function.name=compute_score          # or compute_score_batch with reward_manager=batch
    +custom_reward_function.reward_kwargs.measure=cpu  # reward, repeats, workers, backend, reference too

Each process keeps one sandbox per (measure, repeats, workers, backend, limits) and one scorer per suite,
instruction and reward on top of it, so reference solutions are measured once per process.
This module imports neither verl nor torch (verl loads it from its file path, so imports are absolute).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from burner_env.env import problem_text
from burner_env.integrations import CompletionScorer, Score, default_workers
from burner_env.problems import Problem, select_problems
from burner_env.problems.suite import SUITE_NAMES
from burner_env.sandbox import METRICS, Sandbox

__all__ = ["ABILITY", "DATA_SOURCE_PREFIX", "build_records", "close", "compute_score", "compute_score_batch"]

DATA_SOURCE_PREFIX = "burner/"
"""``data_source`` of every row: this prefix then the suite name (``burner/builtin``) or file stem."""

ABILITY = "code"

_lock = threading.Lock()
_sandboxes: dict[tuple, Sandbox] = {}
_scorers: dict[tuple, CompletionScorer] = {}


def compute_score(data_source: str, solution_str: str, ground_truth: Any, extra_info: dict | None = None,
                  **reward_kwargs: Any) -> dict[str, float]:
    """The reward of one response, as verl's custom reward function.

    Args:
        data_source: the row's ``data_source`` (``burner/<suite>``; informative only).
        solution_str: the model's decoded response.
        ground_truth: the row's ``reward_model.ground_truth``: the problem id.
        extra_info: the row's ``extra_info``: ``suite`` (name or path; default ``builtin``) and
            ``instruction`` (default ``time``).
        reward_kwargs: ``custom_reward_function.reward_kwargs``: ``reward`` (``percentile``), ``measure``
            (``cpu``), ``repeats`` (3), ``workers`` (every core), ``backend`` (``local``), ``reference``
            (``auto``: this machine's cached calibration, else measured on first use; or ``measure``).

    Returns:
        ``{"score": reward, "correct": 0/1, "percentile": rank among the references (0 when failing),
        "format_ok": 0/1}``; verl trains on ``score`` and logs the rest.
    """
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info], **reward_kwargs)[0]


def compute_score_batch(data_sources: Sequence[str], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Sequence[dict | None] | None = None,
                        **reward_kwargs: Any) -> list[dict[str, float]]:
    """:func:`compute_score` for a whole batch (verl's ``batch`` reward manager): responses run concurrently."""
    count = len(solution_strs)
    if len(ground_truths) != count or len(data_sources) != count:
        raise ValueError(f"data_sources ({len(data_sources)}), solution_strs ({count}) and ground_truths "
                         f"({len(ground_truths)}) must have one entry per response")
    extra_infos = list(extra_infos) if extra_infos is not None else [None] * count
    if len(extra_infos) != count:
        raise ValueError(f"extra_infos has {len(extra_infos)} entries for {count} responses")
    groups: dict[tuple[str, str], list[int]] = {}
    for index, extra_info in enumerate(extra_infos):
        extra_info = extra_info or {}
        groups.setdefault((str(extra_info.get("suite", "builtin")), str(extra_info.get("instruction", "time"))),
                          []).append(index)
    results: list[dict[str, float]] = [{} for _ in range(count)]
    for (suite, instruction), indices in groups.items():
        scorer = _scorer(suite, instruction, **reward_kwargs)
        problem_ids = [_problem_id(ground_truths[i], extra_infos[i], i) for i in indices]
        scores = scorer.score(problem_ids, [solution_strs[i] for i in indices])
        for index, score in zip(indices, scores):
            results[index] = _as_dict(score)
    return results


def build_records(suite: str | list[Problem] = "builtin", instruction: str = "time",
                  problem_ids: list[str] | None = None, split: str = "train",
                  suite_name: str | None = None) -> list[dict[str, Any]]:
    """Rows in verl's RL-dataset layout, one per problem, ready for ``pyarrow.Table.from_pylist``.

    Columns: ``data_source`` (``burner/<suite name or file stem>``), ``prompt`` (system + user chat
    messages, as for TRL), ``ability`` (``code``), ``reward_model`` (``{"style": "rule", "ground_truth":
    problem id}``) and ``extra_info`` (``split``, ``index``, ``problem_id``, ``suite``, ``instruction``).
    ``suite_name`` is what ``compute_score`` will load (default: ``suite`` when it is a name or path).
    """
    if instruction not in METRICS:
        raise ValueError(f"instruction must be one of {', '.join(METRICS)}; got {instruction!r}")
    if suite_name is None:
        if not isinstance(suite, str):
            raise ValueError("suite_name is required when suite is a list of problems: compute_score "
                             "must be able to load the suite by name or path")
        suite_name = suite
    from agents.prompts import SYSTEM_PROMPT, render_prompt  # plain Python: no torch

    problems = select_problems(suite, problem_ids)
    data_source = DATA_SOURCE_PREFIX + (suite_name if suite_name in SUITE_NAMES else Path(suite_name).stem)
    return [
        {
            "data_source": data_source,
            "prompt": [{"role": "system", "content": SYSTEM_PROMPT},
                       {"role": "user", "content": render_prompt(problem_text(problem), instruction)}],
            "ability": ABILITY,
            "reward_model": {"style": "rule", "ground_truth": problem.id},
            "extra_info": {"split": split, "index": index, "problem_id": problem.id, "suite": suite_name,
                           "instruction": instruction},
        }
        for index, problem in enumerate(problems)
    ]


def close() -> None:
    """Close this process's cached sandboxes (they are also closed at exit)."""
    with _lock:
        sandboxes = list(_sandboxes.values())
        _sandboxes.clear()
        _scorers.clear()
    for sandbox in sandboxes:
        sandbox.close()


def _scorer(suite: str, instruction: str, reward: str = "percentile", measure: str = "cpu", repeats: int = 3,
            workers: int | None = None, backend: str = "local", reference: str = "auto",
            **unknown: Any) -> CompletionScorer:
    if unknown:
        raise TypeError(f"unknown reward_kwargs {sorted(unknown)}; expected reward, measure, repeats, "
                        "workers, backend, reference")
    sandbox_key = (measure, repeats, workers, backend)
    scorer_key = (*sandbox_key, suite, instruction, reward, reference)
    with _lock:  # verl may score from several threads; one sandbox and one scorer each, all the same
        if scorer_key not in _scorers:
            if sandbox_key not in _sandboxes:
                _sandboxes[sandbox_key] = Sandbox(measure=measure, repeats=repeats, backend=backend,
                                                  workers=workers if workers is not None else default_workers(backend))
            _scorers[scorer_key] = CompletionScorer(suite=suite, instruction=instruction, reward=reward,
                                                    reference=reference, sandbox=_sandboxes[sandbox_key])
        return _scorers[scorer_key]


def _problem_id(ground_truth: Any, extra_info: dict | None, index: int) -> str:
    if isinstance(ground_truth, str) and ground_truth:
        return ground_truth
    if extra_info and isinstance(extra_info.get("problem_id"), str):
        return extra_info["problem_id"]
    raise ValueError(f"response {index}: ground_truth must be the problem id (a str), got {ground_truth!r}")


def _as_dict(score: Score) -> dict[str, float]:
    # Numbers only, the same keys for every response: verl stacks them into per-key metric arrays.
    return {"score": score.reward, "correct": float(score.passed),
            "percentile": score.percentile if score.percentile is not None else 0.0,
            "format_ok": float(score.format_ok)}
