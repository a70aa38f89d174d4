"""Adapters for RL trainers: ``burner_env.integrations.trl`` (TRL) and ``burner_env.integrations.verl`` (verl).

Both score *single-turn* completions: a completion for a problem is rewarded as the first step of a
``CodeEfficiencyEnv`` episode on that problem would be (no previous code), by the same named reward, against
reference costs the env measures itself. :class:`CompletionScorer` is that shared core: it extracts the code
from each completion, evaluates them concurrently (``Sandbox.evaluate_many``) and computes the rewards.

Importing this package imports neither TRL, verl, torch nor ray.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from burner_env import rewards
from burner_env.env import MAX_TEXT, CodeEfficiencyEnv, cost_limit
from burner_env.parsing import extract_code
from burner_env.problems import Limits, Problem
from burner_env.sandbox import Evaluation, Sandbox

__all__ = ["CompletionScorer", "Score", "default_workers"]


@dataclass(frozen=True)
class Score:
    """The reward of one completion and what it came from."""

    reward: float
    verdict: str
    passed: bool
    cost: float | None  # in the instruction's metric; None unless passed (and measured)
    percentile: float | None  # rank among the passing references' costs; None unless passed
    format_ok: bool  # the response follows the thinking/solution format


def default_workers(backend: str) -> int:
    """Concurrent evaluations by default: every core here (``local``), every CPU of the Ray cluster (``ray``)."""
    if backend == "ray":
        from burner_env.sandbox.ray_backend import cluster_cpus

        return cluster_cpus()
    return os.cpu_count() or 1


class CompletionScorer:
    """Rewards for (problem id, response text) pairs, computed like ``CodeEfficiencyEnv.step``'s first step.

    Args:
        suite: suite name or path (see ``load_suite``), or a list of Problems.
        instruction: the metric to minimise: ``time``, ``memory`` or ``integral``.
        reward: a named reward (``percentile``, ``afterburner``) or a ``RewardInput -> float`` callable.
        measure: ``cpu``, ``instructions`` or ``none`` (the sandbox's measurement mode).
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
        self._owns_sandbox = sandbox is None
        if sandbox is None:
            sandbox = Sandbox(limits=limits, measure=measure, repeats=repeats, backend=backend,
                              workers=workers if workers is not None else default_workers(backend))
        try:
            # The env owns the reference measurement and the reward; we only feed it completions.
            self.env = CodeEfficiencyEnv(suite=suite, instruction=instruction, reward=reward, sandbox=sandbox,
                                         problem_ids=problem_ids, reference=reference, feedback="paper")
        except BaseException:
            if self._owns_sandbox:
                sandbox.close()
            raise
        self.sandbox = sandbox
        self.instruction = instruction
        self.problems = {problem.id: problem for problem in self.env.problems}

    def score(self, problem_ids: Sequence[str], responses: Sequence[str]) -> list[Score]:
        """Score ``responses[i]`` as an answer to problem ``problem_ids[i]``; all evaluated concurrently."""
        if len(problem_ids) != len(responses):
            raise ValueError(f"problem_ids has {len(problem_ids)} entries but responses has {len(responses)}")
        problems = [self._problem(problem_id, index) for index, problem_id in enumerate(problem_ids)]
        for index, response in enumerate(responses):
            if not isinstance(response, str):
                raise TypeError(f"responses[{index}] must be a str, got {type(response).__name__}")
        codes = [extract_code(response) if len(response) <= MAX_TEXT else None for response in responses]
        runnable = [index for index, code in enumerate(codes) if code is not None]
        evaluated = self.sandbox.evaluate_many([(problems[i], codes[i]) for i in runnable])
        evaluations: list[Evaluation] = [
            Evaluation(problem.id, "format_error", message="no code found in the response") for problem in problems
        ]
        for index, evaluation in zip(runnable, evaluated):
            evaluations[index] = evaluation
        self.warm_up({problem.id for problem, ev in zip(problems, evaluations) if ev.passed})
        return [self._score(problem, response, evaluation)
                for problem, response, evaluation in zip(problems, responses, evaluations)]

    def warm_up(self, problem_ids: Sequence[str] | set[str] | None = None) -> None:
        """Measure the reference solutions of these problems (default: all) now, problems concurrently."""
        ids = sorted(self.problems if problem_ids is None else problem_ids)
        problems = [self._problem(problem_id, index) for index, problem_id in enumerate(ids)]
        if len(problems) <= 1:
            for problem in problems:
                self.env.reference_costs(problem, self.instruction)
            return
        # Each problem's references already run concurrently; overlapping problems keeps every worker busy.
        with ThreadPoolExecutor(min(len(problems), self.sandbox.workers)) as pool:
            list(pool.map(lambda problem: self.env.reference_costs(problem, self.instruction), problems))

    def close(self) -> None:
        """Close the sandbox if this scorer created it."""
        if self._owns_sandbox:
            self.sandbox.close()

    def _problem(self, problem_id: Any, index: int) -> Problem:
        try:
            return self.problems[problem_id]
        except (KeyError, TypeError):
            raise ValueError(f"problem_id[{index}]: no problem {problem_id!r} in this suite") from None

    def _score(self, problem: Problem, response: str, evaluation: Evaluation) -> Score:
        metric = self.instruction
        cost = evaluation.cost.metric(metric) if evaluation.passed and evaluation.cost is not None else None
        references = self.env.reference_costs(problem, metric) if evaluation.passed else ()
        reward_input = rewards.RewardInput(
            response_text=response,
            passed=evaluation.passed,
            cost=cost,
            reference_costs=references,
            previous_passed=None,  # single turn: there is no previous code
            previous_cost=None,
            cost_limit=cost_limit(problem.limits or self.sandbox.limits, metric, self.sandbox.measure),
        )
        percentile = rewards.percentile_rank(cost, references) if cost is not None and references else None
        return Score(reward=float(self.env.reward_fn(reward_input)), verdict=evaluation.verdict,
                     passed=evaluation.passed, cost=cost, percentile=percentile,
                     format_ok=rewards.format_reward(response) > 0)
