"""Adapters for RL trainers: ``burner_env.integrations.trl`` (TRL) and ``burner_env.integrations.verl`` (verl).

Both score a completion for a problem exactly as ``CodeEfficiencyEnv.step`` would (the same
:class:`burner_env.scoring.Scorer`), against reference costs measured (or calibrated) on this machine: as a
first attempt, or, given the code it refines (a ``code`` column), as a refinement of that code, which the
``afterburner`` reward's efficiency term compares against. :class:`CompletionScorer` is their shared front:
problems by id, one sandbox, every completion evaluated concurrently. :func:`training_prompts` makes both
adapters' datasets: first attempts (the problem alone), or steps of the refinement loop (previous code and
the env's feedback on it → improved code), whose prompt is the observation ``CodeEfficiencyEnv`` shows.

Importing this package imports neither TRL, verl, torch nor ray.
"""

from __future__ import annotations

import os
import queue
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from burner_env.env import CodeEfficiencyEnv
from burner_env.problems import Limits, Problem, select_problems
from burner_env.prompts import SYSTEM_PROMPT, observation_messages, problem_text, render_prompt
from burner_env.sandbox import METRICS, Sandbox
from burner_env.scoring import ReferenceCosts, Score, Scorer, warn_unranked

__all__ = ["PREVIOUS_SOURCES", "CompletionScorer", "Score", "TrainingPrompt", "default_workers", "previous_code",
           "training_prompts"]

PREVIOUS_SOURCES = ("slowest_reference", "all_references", "starter")
"""Where a refinement prompt's previous code comes from: ``slowest_reference`` (each problem's dearest passing
reference solution in the instruction's metric, measured when the prompts are built), ``all_references``
(every reference solution, one prompt each) or ``starter`` (the problem's starter code: usually a stub
that fails, so the prompt asks for a fix; a slow working program in the procedural suite)."""


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


@dataclass(frozen=True)
class TrainingPrompt:
    """One training prompt of a problem: a first attempt, or a step refining ``code``."""

    problem_id: str
    messages: list[dict[str, str]]
    """the system prompt, then the user message: the problem (and ``code`` with the env's feedback on it)"""
    code: str | None = None
    """the previous code, which the response refines and the reward compares against; None: a first attempt"""
    cost: float | None = None
    """``code``'s cost in the instruction's metric where and when the prompt was built (None: it failed, or
    no code). For display and debugging only: costs are machine-specific, so the reward measures ``code``
    again on the machine that computes it."""

    def record_fields(self) -> dict[str, Any]:
        """A refinement step's fields in a TRL row or verl's ``extra_info``: ``code`` (what the reward reads)
        and ``code_cost`` (display only); none for a first attempt."""
        return {} if self.code is None else {"code": self.code, "code_cost": self.cost}


def training_prompts(suite: str | list[Problem] = "builtin", instruction: str = "time",
                     problem_ids: list[str] | None = None, previous: str | None = None, feedback: str = "rich",
                     sandbox: Sandbox | None = None) -> list[TrainingPrompt]:
    """The prompts of the TRL and verl datasets: one first attempt per problem, or refinement steps.

    Without ``previous``, each problem's first-attempt prompt (nothing is run). With ``previous`` (one of
    :data:`PREVIOUS_SOURCES`), a step of the refinement loop for each previous code: a
    ``CodeEfficiencyEnv`` is reset with it as the initial code, which evaluates it once in ``sandbox``
    (default: a ``cpu`` sandbox, 3 repeats, every core; pass one to choose the measure), and the prompt
    is the env's observation (:func:`burner_env.prompts.observation_messages`): the problem, the code
    and the env's ``feedback`` (``rich`` or ``paper``) on it, as the env shows it before the step that
    refines it. A problem with no such code (no reference passing here, no starter code) has no prompt.
    """
    if instruction not in METRICS:
        raise ValueError(f"instruction must be one of {', '.join(METRICS)}; got {instruction!r}")
    problems = select_problems(suite, problem_ids)
    if previous is None:
        return [TrainingPrompt(problem.id, [{"role": "system", "content": SYSTEM_PROMPT},
                                            {"role": "user", "content": render_prompt(problem_text(problem),
                                                                                      instruction)}])
                for problem in problems]
    if previous not in PREVIOUS_SOURCES:
        raise ValueError(f"previous must be None or one of {', '.join(PREVIOUS_SOURCES)}; got {previous!r}")
    jobs = [(problem, code) for problem in problems
            for code in ([problem.starter_code] if previous == "starter" else [s.code for s in problem.solutions])
            if code.strip()]
    owned = sandbox is None
    sandbox = sandbox if sandbox is not None else Sandbox(measure="cpu", workers=default_workers("local"))
    try:
        # One env per concurrent evaluation (an env runs one episode at a time), sharing reference costs.
        envs = [CodeEfficiencyEnv(suite, instruction, feedback=feedback, problem_ids=problem_ids, sandbox=sandbox)
                for _ in range(max(1, min(sandbox.workers, len(jobs))))]
        idle: queue.SimpleQueue[CodeEfficiencyEnv] = queue.SimpleQueue()
        for env in envs:
            env.share_references_with(envs[0])
            idle.put(env)

        def observe(job: tuple[Problem, str]) -> TrainingPrompt:
            problem, code = job
            env = idle.get()
            try:
                observation, info = env.reset(options={"problem_id": problem.id, "initial_code": code})
            finally:
                idle.put(env)
            return TrainingPrompt(problem.id, observation_messages(observation), code,
                                  info["costs"].get(instruction))

        with ThreadPoolExecutor(len(envs)) as pool:
            prompts = list(pool.map(observe, jobs))
    finally:
        if owned:
            sandbox.close()
    if previous != "slowest_reference":
        return prompts
    dearest = {prompt.problem_id: prompt  # ascending cost: each problem's dearest comes last
               for prompt in sorted((p for p in prompts if p.cost is not None), key=lambda p: p.cost)}
    return [dearest[problem.id] for problem in problems if problem.id in dearest]


def previous_code(value: Any, field: str) -> str | None:
    """A record's previous code, checked: code (a str) or None (a first attempt; so is ``""``); ``field``
    names the record and the field in the error."""
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{field} must be the code the response refines (a str) or None for a first attempt; "
                    f"got {type(value).__name__}")
