"""Adapters for RL trainers: ``burner_env.integrations.trl`` (TRL) and ``burner_env.integrations.verl`` (verl).

Both score a completion for a problem exactly as ``CodeEfficiencyEnv.step`` would (the same
:class:`burner_env.scoring.Scorer`), against reference costs measured (or calibrated) on this machine: as a
first attempt, or, given the code it refines (a ``code`` column), as a refinement of that code, which the
``afterburner`` reward's efficiency term compares against. :class:`CompletionScorer` is their shared front:
problems by id, one sandbox, every completion evaluated concurrently.

Importing this package imports neither TRL, verl, torch nor ray.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from burner_env.problems import Limits, Problem, select_problems
from burner_env.sandbox import Sandbox
from burner_env.scoring import ReferenceCosts, Score, Scorer, warn_unranked

__all__ = ["CompletionScorer", "Score", "default_workers"]


def default_workers(backend: str) -> int:
    """Concurrent evaluations by default: every core here (``local``), every CPU of the Ray cluster (``ray``)."""
    if backend == "ray":
        from burner_env.sandbox.ray_backend import cluster_cpus

        return cluster_cpus()
    return os.cpu_count() or 1


class CompletionScorer:
    """Rewards for (problem id, response text, previous code) triples, by ``burner_env.scoring.Scorer``.

    Args:
        suite: suite name or path (see ``load_suite``), or a list of Problems.
        instruction: the metric to minimise: ``time``, ``memory`` or ``integral``.
        reward: a named reward (``percentile``, ``afterburner``) or a ``RewardInput -> float`` callable.
        measure: ``cpu`` or ``instructions`` (the sandbox's measurement mode).
        repeats: runs per measured test (median).
        workers: concurrent evaluations (Ray: actors); None: :func:`default_workers`.
        backend: ``local`` or ``ray``.
        limits: default per-test limits (a problem's own limits win).
        problem_ids: restrict the suite to these problems.
        reference: where reference costs come from, as for ``CodeEfficiencyEnv``: ``"auto"`` (this
            machine's cached calibration, else measured on first use), ``"measure"`` or a
            ``ReferenceDistribution``.
        sandbox: a shared ``Sandbox`` to use instead of creating one (then ``measure``, ``repeats``,
            ``workers``, ``backend`` and ``limits`` are its own, and ``close`` leaves it open).
    """

    def __init__(self, suite: str | list[Problem] = "builtin", instruction: str = "time",
                 reward: Any = "percentile", measure: str = "cpu", repeats: int = 3,
                 workers: int | None = None, backend: str = "local", limits: Limits | None = None,
                 problem_ids: list[str] | None = None, reference: Any = "auto",
                 sandbox: Sandbox | None = None) -> None:
        problems = select_problems(suite, problem_ids)
        self._owns_sandbox = sandbox is None
        if sandbox is None:
            sandbox = Sandbox(limits=limits, measure=measure, repeats=repeats, backend=backend,
                              workers=workers if workers is not None else default_workers(backend))
        try:
            if sandbox.measure == "none":
                raise ValueError("measure='none' gives no costs to reward; use 'cpu' or 'instructions'")
            self.scorer = Scorer(sandbox, ReferenceCosts(sandbox, suite, reference), instruction, reward)
        except BaseException:
            if self._owns_sandbox:
                sandbox.close()
            raise
        warn_unranked(problems, reward)
        self.sandbox = sandbox
        self.instruction = instruction
        self.problems = {problem.id: problem for problem in problems}

    def score(self, problem_ids: Sequence[str], responses: Sequence[str],
              previous_codes: Sequence[str | None] | None = None) -> list[Score]:
        """Score ``responses[i]`` as an answer to problem ``problem_ids[i]`` that refines
        ``previous_codes[i]`` (None or empty: a first attempt); all evaluated concurrently."""
        if len(problem_ids) != len(responses):
            raise ValueError(f"problem_ids has {len(problem_ids)} entries but responses has {len(responses)}")
        previous_codes = list(previous_codes) if previous_codes is not None else [None] * len(responses)
        if len(previous_codes) != len(responses):
            raise ValueError(f"previous_codes has {len(previous_codes)} entries for {len(responses)} responses")
        problems = [self._problem(problem_id, index) for index, problem_id in enumerate(problem_ids)]
        for index, response in enumerate(responses):
            if not isinstance(response, str):
                raise TypeError(f"responses[{index}] must be a str, got {type(response).__name__}")
        return self.scorer.score_many(list(zip(problems, responses, previous_codes)))

    def warm_up(self, problem_ids: Sequence[str] | set[str] | None = None) -> None:
        """Measure the reference solutions of these problems (default: all) now, problems concurrently."""
        ids = sorted(self.problems if problem_ids is None else problem_ids)
        self.scorer.references.warm_up([self._problem(problem_id, index) for index, problem_id in enumerate(ids)],
                                       self.instruction)

    def close(self) -> None:
        """Close the sandbox if this scorer created it."""
        if self._owns_sandbox:
            self.sandbox.close()

    def _problem(self, problem_id: Any, index: int) -> Problem:
        try:
            return self.problems[problem_id]
        except (KeyError, TypeError):
            raise ValueError(f"problem_id[{index}]: no problem {problem_id!r} in this suite") from None
