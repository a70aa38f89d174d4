"""verl adapter: a custom reward function (``compute_score``) and the rows of verl's RL parquet files.

verl calls ``compute_score(data_source, solution_str, ground_truth, extra_info)`` for each response with
the ``data_source`` and ``reward_model.ground_truth`` columns of the training parquet (verl 0.9's default
reward manager calls it for a batch's responses concurrently); ``compute_score_batch`` scores a whole batch
at once, for older verl's ``batch`` reward manager or your own code (0.9.1 has no ``batch`` manager). The files
come from :func:`build_records` (see ``examples/verl_prepare_data.py``): ``ground_truth`` is the problem id,
``extra_info`` carries the suite and the instruction. Those rows are single-step (a problem → a first
attempt); ``build_records(..., previous="slowest_reference")`` (or ``"all_references"``, ``"starter"``) makes
steps of the refinement loop instead: the prompt is what the env shows at a later step (previous code and its
feedback) and ``extra_info["code"]`` the previous code, which ``compute_score`` measures on its own machine
and scores the response against, as ``env.step`` does (``extra_info["code_cost"]`` is for display only).

verl configuration (verl 0.9; the full, tested command is in ``docs/DISTRIBUTED.md``)::

    reward.custom_reward_function.path=examples/verl_reward.py    # or the path of this file
    reward.custom_reward_function.name=compute_score
    +reward.custom_reward_function.reward_kwargs.measure=cpu      # reward, repeats, workers, backend,
    +reward.custom_reward_function.reward_kwargs.reward_workers='${reward.num_workers}'  # reference too

Each process keeps one sandbox per (measure, repeats, workers, backend) and one scorer per suite,
instruction and reward on top of it. Reference costs come from ``burner calibrate``'s file, which every
reward worker of the machine reads (a warning says when it is missing: each worker then measures the
references itself). ``reward_workers`` (the reward processes sharing this machine) sizes each sandbox
to its share of the cores, and a warning says when the sandboxes would oversubscribe them.
This module imports neither verl nor torch (verl loads it from its file path, so imports are absolute).
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from burner_env.integrations import CompletionScorer, Score, default_workers, previous_code, training_prompts
from burner_env.problems import Problem
from burner_env.problems.suite import SUITE_NAMES
from burner_env.reference import CalibrationNotFound, ReferenceDistribution, load_reference
from burner_env.sandbox import Sandbox

__all__ = ["ABILITY", "DATA_SOURCE_PREFIX", "OversubscriptionWarning", "build_records", "close", "compute_score",
           "compute_score_batch", "sandbox_workers"]

DATA_SOURCE_PREFIX = "burner/"
"""``data_source`` of every row: this prefix then the suite name (``burner/builtin``) or file stem."""

ABILITY = "code"


class OversubscriptionWarning(UserWarning):
    """The reward workers' sandboxes together run more evaluations at once than the machine has cores.

    CPU-time readings then include waiting for a core, the rewards get noisier and each batch slower.
    """


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
        extra_info: the row's ``extra_info``: ``suite`` (name or path; default ``builtin``),
            ``instruction`` (default ``time``) and optionally ``code``, the code the response refines
            (the ``afterburner`` reward compares against it; none: a first attempt).
        reward_kwargs: ``custom_reward_function.reward_kwargs``: ``reward`` (``percentile``), ``measure``
            (``cpu``), ``repeats`` (3), ``workers`` (concurrent evaluations of this process: its share of the
            cores, ``cores // reward_workers``; with ``backend=ray``, every CPU of the cluster),
            ``reward_workers`` (reward processes on this machine, e.g. verl's ``reward.num_workers``;
            default 1), ``backend`` (``local``), ``reference`` (``auto``: this machine's ``burner
            calibrate`` file, else measured on first use, with a warning; or ``measure``).

    Returns:
        ``{"score": reward, "correct": 0/1, "percentile": rank among the references (0 when failing),
        "format_ok": 0/1}``; verl trains on ``score`` and logs the rest.
    """
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info], **reward_kwargs)[0]


def compute_score_batch(data_sources: Sequence[str], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Sequence[dict | None] | None = None,
                        **reward_kwargs: Any) -> list[dict[str, float]]:
    """:func:`compute_score` for a whole batch (older verl's ``batch`` reward manager): responses run concurrently."""
    count = len(solution_strs)
    if len(ground_truths) != count or len(data_sources) != count:
        raise ValueError(f"data_sources ({len(data_sources)}), solution_strs ({count}) and ground_truths "
                         f"({len(ground_truths)}) must have one entry per response")
    extra_infos = list(extra_infos) if extra_infos is not None else [None] * count
    if len(extra_infos) != count:
        raise ValueError(f"extra_infos has {len(extra_infos)} entries for {count} responses")
    problem_ids = [_problem_id(ground_truths[i], extra_infos[i], i) for i in range(count)]
    codes = [previous_code((extra_info or {}).get("code"), f"response {i}: extra_info['code']")
             for i, extra_info in enumerate(extra_infos)]
    groups: dict[tuple[str, str], list[int]] = {}
    for index, extra_info in enumerate(extra_infos):
        extra_info = extra_info or {}
        groups.setdefault((str(extra_info.get("suite", "builtin")), str(extra_info.get("instruction", "time"))),
                          []).append(index)
    results: list[dict[str, float]] = [{} for _ in range(count)]
    for (suite, instruction), indices in groups.items():
        scorer = _scorer(suite, instruction, **reward_kwargs)
        scores = scorer.score([problem_ids[i] for i in indices], [solution_strs[i] for i in indices],
                              [codes[i] for i in indices])
        for index, score in zip(indices, scores):
            results[index] = _as_dict(score)
    return results


def build_records(suite: str | list[Problem] = "builtin", instruction: str = "time",
                  problem_ids: list[str] | None = None, split: str = "train", suite_name: str | None = None,
                  previous: str | None = None, feedback: str = "rich",
                  sandbox: Sandbox | None = None) -> list[dict[str, Any]]:
    """Rows in verl's RL-dataset layout, one per problem (a first attempt), ready for ``pyarrow.Table.from_pylist``.

    Columns: ``data_source`` (``burner/<suite name or file stem>``), ``prompt`` (system + user chat
    messages, as for TRL), ``ability`` (``code``), ``reward_model`` (``{"style": "rule", "ground_truth":
    problem id}``) and ``extra_info`` (``split``, ``index``, ``problem_id``, ``suite``, ``instruction``).
    ``suite_name`` is what ``compute_score`` will load (default: ``suite`` when it is a name or path).

    With ``previous`` (``"slowest_reference"``, ``"all_references"`` or ``"starter"``), the rows are steps of
    the refinement loop instead, built by :func:`burner_env.integrations.training_prompts` (which evaluates
    each previous code once in ``sandbox`` and renders the env's ``feedback`` on it): ``prompt`` is what
    ``CodeEfficiencyEnv`` shows after a reset with the previous code, ``extra_info["code"]`` holds that code
    (``compute_score`` scores the response as a refinement of it) and ``extra_info["code_cost"]`` its cost
    when the rows were built (display only: the reward measures ``code`` again on its own machine).
    """
    if suite_name is None:
        if not isinstance(suite, str):
            raise ValueError("suite_name is required when suite is a list of problems: compute_score "
                             "must be able to load the suite by name or path")
        suite_name = suite
    data_source = DATA_SOURCE_PREFIX + (suite_name if suite_name in SUITE_NAMES else Path(suite_name).stem)
    return [
        {
            "data_source": data_source,
            "prompt": prompt.messages,
            "ability": ABILITY,
            "reward_model": {"style": "rule", "ground_truth": prompt.problem_id},
            "extra_info": {"split": split, "index": index, "problem_id": prompt.problem_id, "suite": suite_name,
                           "instruction": instruction, **prompt.record_fields()},
        }
        for index, prompt in enumerate(training_prompts(suite, instruction, problem_ids, previous, feedback, sandbox))
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
            workers: int | None = None, reward_workers: int | None = None, backend: str = "local",
            reference: str = "auto", **unknown: Any) -> CompletionScorer:
    if unknown:
        raise TypeError(f"unknown reward_kwargs {sorted(unknown)}; expected reward, measure, repeats, "
                        "workers, reward_workers, backend, reference")
    sandbox_key = (measure, repeats, workers, reward_workers, backend)
    scorer_key = (*sandbox_key, suite, instruction, reward, reference)
    with _lock:  # verl may score from several threads; one sandbox and one scorer each, all the same
        if scorer_key not in _scorers:
            if sandbox_key not in _sandboxes:
                _sandboxes[sandbox_key] = Sandbox(measure=measure, repeats=repeats, backend=backend,
                                                  workers=sandbox_workers(workers, reward_workers, backend))
            sandbox = _sandboxes[sandbox_key]
            _scorers[scorer_key] = CompletionScorer(suite=suite, instruction=instruction, reward=reward,
                                                    reference=_reference(suite, reference, sandbox),
                                                    sandbox=sandbox)
        return _scorers[scorer_key]


def sandbox_workers(workers: int | None = None, reward_workers: int | None = None, backend: str = "local") -> int:
    """Concurrent evaluations for one reward process: ``workers`` if given, else its share of the cores.

    With the local backend every evaluation is a process on this machine, so ``reward_workers`` processes
    (verl's ``reward.num_workers``) with ``workers`` each must fit in its cores, or CPU-time readings include
    waiting for one. Ray actors reserve a CPU each, so Ray itself keeps them within the cluster's CPUs.
    """
    if reward_workers is not None and (isinstance(reward_workers, bool) or not isinstance(reward_workers, int)
                                       or reward_workers < 1):
        raise ValueError(f"reward_workers must be a positive int (verl's reward.num_workers); got {reward_workers!r}")
    if backend == "ray":
        return workers if workers is not None else default_workers(backend)
    cores, sharing = _cores(), reward_workers or 1
    each = workers if workers is not None else max(1, cores // sharing)
    if each * sharing > cores:
        warnings.warn(f"{sharing} reward worker process(es) × workers={each} = {each * sharing} sandbox "
                      f"evaluations at once on {cores} cores: CPU-time readings will include waiting for a core. "
                      f"Keep reward_workers × workers ≤ {cores}: leave workers unset (cores // reward_workers) "
                      "and lower reward.num_workers if needed (docs/DISTRIBUTED.md)",
                      OversubscriptionWarning, stacklevel=2)
    return each


def _cores() -> int:
    # The cores this process may run on (a container or taskset may allow fewer than the machine has).
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _reference(suite: str, reference: Any, sandbox: Sandbox) -> Any:
    """``auto``: the calibration ``burner calibrate`` cached on this machine, read by every reward worker;
    when there is none, say so (each worker would otherwise measure the references silently) and measure."""
    if reference != "auto" or sandbox.measure not in ("cpu", "instructions"):
        return reference
    try:
        distribution: ReferenceDistribution = load_reference(suite, sandbox.measure, repeats=sandbox.repeats,
                                                             limits=sandbox.limits,
                                                             sample_period_s=sandbox.sample_period_s)
    except CalibrationNotFound as missing:
        warnings.warn(f"{missing}. Until then every reward worker process measures the reference solutions "
                      "itself, on first use of each problem: run that command once per machine before "
                      "training", stacklevel=3)
        return "measure"
    return distribution


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
