"""The one place a response becomes a score: attempts, reference costs, the reward and the acceptance rule.

``CodeEfficiencyEnv.step``, the TRL reward function, verl's ``compute_score`` and the GRPO trainer's reward
all call :class:`Scorer`, so one reward name gives one training signal whichever door a response comes
through (``tests/test_scoring.py`` holds every door to that):

    response → extract_code → Sandbox.evaluate → Attempt (evaluation, percentiles among the references)
             → RewardInput (with the previous code's outcome and cost) → reward

and, for an episode, the acceptance rule (:func:`is_improvement`) that decides whether an attempt replaces
the current code.
"""

from __future__ import annotations

import ast
import logging
import math
import statistics
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from burner_env import rewards
from burner_env.parsing import extract_code
from burner_env.problems import Limits, Problem
from burner_env.reference import (
    CalibrationNotFound,
    ReferenceDistribution,
    StaleCalibrationWarning,
    cost_fingerprint,
    load_reference,
    measurement_setup,
)
from burner_env.sandbox import METRICS, Cost, Evaluation, Sandbox
from burner_env.sandbox.results import COUNT_FLOOR, COUNT_MARGIN

__all__ = [
    "ACCEPTANCE_REASONS",
    "ACCEPT_FLOORS",
    "ACCEPT_MARGIN",
    "ACCEPT_PAIRS",
    "COUNT_FLOOR",
    "COUNT_MARGIN",
    "MAX_TEXT",
    "Acceptance",
    "Attempt",
    "ReferenceCosts",
    "Score",
    "Scorer",
    "cost_limit",
    "is_improvement",
    "noise_gap",
    "same_code",
    "warn_unranked",
]

MAX_TEXT = 32_768
"""Longest response scored (characters); a longer one is a format error. Also the env's text spaces' size."""

logger = logging.getLogger(__name__)
_MEASURING_SAID = threading.Event()
"""Set once a reference measurement has been logged at WARNING; later ones are logged at INFO."""

# The acceptance rule on a noisy reading (docs/REWARDS.md, "Acceptance rule", has the measurements).
ACCEPT_PAIRS = 4
"""Interleaved pairs of fresh evaluations (incumbent, candidate) that decide between two passing codes."""
ACCEPT_MARGIN = 0.2
"""Least relative gain accepted on a noisy reading: same-code readings differ by up to ~35 % here."""
ACCEPT_FLOORS = {"ms": 0.5, "MiB": 0.125, "MiB·ms": 5.0, "MiB·Minstr": 0.125}
"""Least absolute gain accepted on a noisy reading, per unit: below it a reading does not resolve a
difference (CPU time of a tiny program jitters by ~0.5 ms, a peak by up to 32 pages; the integral
by that 0.5 ms times its 10 MiB memory floor, ``INTEGRAL_FLOOR_MIB``)."""
ACCEPTANCE_REASONS = {
    "initial": "the episode's initial code (``reset``)",
    "failed": "the candidate failed: never kept",
    "passes": "the current code fails (or there is none) and the candidate passes: kept",
    "same_code": "the candidate is the current code up to comments and formatting: never kept",
    "cheaper": "an exact count (instructions) strictly lower than the current code's: kept",
    "not_cheaper": "its own reading is not below the current code's by the noise margin: not kept",
    "beyond_noise": "cheaper in every interleaved pair and by the margin on the median: kept",
    "within_noise": "interleaved re-measurement did not show a gain beyond the noise: not kept",
}
"""``info["acceptance"]["reason"]``: why an attempt was kept or not."""

NO_CODE = "no code found: put the program in <solution> ... </solution>"
TOO_LONG = "the response is longer than the action space allows"


# --- attempts and scores --------------------------------------------------------------------------


@dataclass
class Attempt:
    """Code, what the sandbox said of it (None: not evaluated, e.g. no code yet), and its percentile
    among the problem's reference costs for every metric it could be ranked in (if it passed)."""

    code: str
    evaluation: Evaluation | None = None
    percentiles: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.evaluation is not None and self.evaluation.passed

    def cost(self, metric: str) -> float | None:
        """The cost in ``metric`` (the measure's unit); None unless it passed and was measured."""
        return self.evaluation.cost.metric(metric) if self.passed and self.evaluation.cost else None


@dataclass(frozen=True)
class Score:
    """The reward of one response, the attempt it was computed from and the reward's input."""

    reward: float
    attempt: Attempt
    reward_input: rewards.RewardInput
    instruction: str

    @property
    def verdict(self) -> str:
        return self.attempt.evaluation.verdict if self.attempt.evaluation else "none"

    @property
    def passed(self) -> bool:
        return self.attempt.passed

    @property
    def cost(self) -> float | None:
        """Cost in the instruction's metric; None unless passed (and measured)."""
        return self.attempt.cost(self.instruction)

    @property
    def percentile(self) -> float | None:
        """Rank among the passing references' costs in the instruction's metric; None unless ranked."""
        return self.attempt.percentiles.get(self.instruction)

    @property
    def format_ok(self) -> bool:
        """The response follows the thinking/solution format."""
        return rewards.format_reward(self.reward_input.response_text) > 0


# --- reference costs ------------------------------------------------------------------------------


class ReferenceCosts:
    """Costs of each problem's passing reference solutions on this machine, in one sandbox's measure.

    From the calibration (``burner calibrate``) when it holds the very problem, else measured here once,
    like any submission, on first use. Thread-safe; envs working side by side share one.

    Args:
        sandbox: what measures the references (and whose setup a calibration must match).
        suite: the suite whose calibration to look for (``reference="auto"``).
        reference: ``"auto"`` (the calibration for exactly this sandbox setup, else measured here),
            ``"measure"`` (always measured here) or a ``ReferenceDistribution`` of this setup.
        allow_mismatch: use a ``ReferenceDistribution`` of another setup anyway.
    """

    def __init__(self, sandbox: Sandbox, suite: Any = None, reference: str | ReferenceDistribution = "auto",
                 allow_mismatch: bool = False) -> None:
        self.sandbox = sandbox
        self.distribution = _reference_distribution(reference, suite, sandbox, allow_mismatch)
        self._costs: dict[str, dict[str, tuple[float, ...]]] = {}  # problem id → metric → costs
        self._lock = threading.Lock()

    def get(self, problem: Problem, metric: str) -> tuple[float, ...]:
        """The costs of ``problem``'s passing references in ``metric`` (empty: none passed, or none)."""
        with self._lock:
            if problem.id not in self._costs:
                distribution = self.distribution
                if (distribution is not None and problem.id in distribution.problems
                        and distribution.fingerprints.get(problem.id) == cost_fingerprint(problem)):
                    costs = {m: tuple(distribution.costs(problem.id, m)) for m in METRICS}
                else:
                    if problem.solutions:
                        # Said once per process loudly (a first step waits seconds for it), then quietly.
                        log = logger.info if _MEASURING_SAID.is_set() else logger.warning
                        _MEASURING_SAID.set()
                        log("measuring the %d reference solutions of %s on this machine before ranking "
                            "(a few seconds per problem; `burner calibrate` measures a suite once and "
                            "caches it)", len(problem.solutions), problem.id)
                    evaluations = self.sandbox.evaluate_many([(problem, s.code) for s in problem.solutions])
                    passed = [e.cost for e in evaluations if e.passed and e.cost is not None]
                    costs = {m: tuple(c.metric(m) for c in passed) for m in METRICS}
                if problem.solutions and not costs[metric]:
                    warnings.warn(f"problem {problem.id!r}: none of its {len(problem.solutions)} reference "
                                  "solutions passed here, so its attempts are unranked (the percentile "
                                  "reward's efficiency term is 0); run `burner validate`", stacklevel=3)
                self._costs[problem.id] = costs
            return self._costs[problem.id][metric]

    def warm_up(self, problems: Sequence[Problem], metric: str = "time") -> None:
        """Get these problems' reference costs now, problems concurrently (each problem's references
        already run concurrently; overlapping problems keeps every worker busy)."""
        if len(problems) <= 1:
            for problem in problems:
                self.get(problem, metric)
            return
        with ThreadPoolExecutor(min(len(problems), self.sandbox.workers)) as pool:
            list(pool.map(lambda problem: self.get(problem, metric), problems))


# --- the scorer -----------------------------------------------------------------------------------


class Scorer:
    """Scores responses to problems: the reward of ``CodeEfficiencyEnv.step`` and of every adapter.

    Args:
        sandbox: evaluates the code (its ``measure`` is the costs' unit).
        instruction: the metric rewarded: ``time``, ``memory`` or ``integral``.
        reward: a named reward (``percentile``, ``afterburner``) or a ``RewardInput -> float`` callable.
        references: the problems' reference costs (shared between scorers of one sandbox).
        profile: profile the correctness runs (``Evaluation.hotspots``, for rich feedback; costs unchanged).
    """

    def __init__(self, sandbox: Sandbox, references: ReferenceCosts, instruction: str = "time",
                 reward: str | rewards.RewardFn = "percentile", profile: bool = False) -> None:
        if instruction not in METRICS:
            raise ValueError(f"instruction must be one of {', '.join(METRICS)}; got {instruction!r}")
        self.sandbox = sandbox
        self.references = references
        self.instruction = instruction
        self.reward_fn = reward if callable(reward) else rewards.get_reward(reward)
        # The percentile reward ignores the previous code: adapters then need not measure it.
        self.uses_previous = reward != "percentile"
        self.profile = profile
        self._previous: dict[tuple[str, str], Attempt] = {}
        self._previous_lock = threading.Lock()

    def score(self, problem: Problem, response: str, previous: Attempt | str | None = None) -> Score:
        """The reward of ``response`` as an answer to ``problem`` that refines ``previous``.

        ``previous`` is the code being refined: an :class:`Attempt` already evaluated (the env's current
        code), or code to evaluate here (once per problem and code, then remembered), or None (a first
        attempt; so is empty code). Code given as text is only evaluated when the reward looks at it.
        """
        return self.score_many([(problem, response, previous)])[0]

    def score_many(self, items: Sequence[tuple[Problem, str, Attempt | str | None]]) -> list[Score]:
        """:meth:`score` for each ``(problem, response, previous)``; every code is evaluated concurrently."""
        for index, (problem, response, _) in enumerate(items):
            if not isinstance(problem, Problem):
                raise TypeError(f"items[{index}]: problem must be a Problem, got {type(problem).__name__}")
            if not isinstance(response, str):
                raise TypeError(f"items[{index}]: the response must be a str, got {type(response).__name__}")
        codes = [extract_code(response) if len(response) <= MAX_TEXT else None for _, response, _ in items]
        previous = [self._previous_attempt(problem, before) for problem, _, before in items]
        candidates = [(problem, code) for (problem, _, _), code in zip(items, codes) if code is not None]
        # Previous code not measured yet, once per distinct (problem, code): a group's shared baseline.
        unmeasured = list({(problem.id, before): (problem, before) for (problem, _, _), before in zip(items, previous)
                           if isinstance(before, str) and (problem.id, before) not in self._previous}.values())
        evaluations = self._evaluate_all(candidates + unmeasured)
        self.references.warm_up(list({problem.id: problem for (problem, _), evaluation
                                      in zip(candidates + unmeasured, evaluations) if evaluation.passed}.values()),
                                self.instruction)
        with self._previous_lock:
            for (problem, code), evaluation in zip(unmeasured, evaluations[len(candidates):]):
                self._previous[(problem.id, code)] = self._ranked(problem, code, evaluation)
        candidate_evaluations = iter(evaluations[: len(candidates)])
        scores = []
        for (problem, response, _), code, before in zip(items, codes, previous):
            if code is None:
                reason = TOO_LONG if len(response) > MAX_TEXT else NO_CODE
                candidate = Attempt("", Evaluation(problem.id, "format_error", message=reason))
            else:
                candidate = self._ranked(problem, code, next(candidate_evaluations))
            if isinstance(before, str):
                before = self._previous[(problem.id, before)]
            scores.append(self._score(problem, response, candidate, before))
        return scores

    def attempt(self, problem: Problem, code: str) -> Attempt:
        """``code`` evaluated once, with its percentiles: a fresh reading that scores nothing."""
        return self._ranked(problem, code, self._evaluate_all([(problem, code)])[0])

    def accept(self, problem: Problem, candidate: Attempt, current: Attempt) -> Acceptance:
        """The acceptance rule (:func:`is_improvement`) in the instruction's metric, re-measuring both
        codes in interleaved pairs when a noisy reading has to be confirmed."""
        return is_improvement(candidate, current, self.instruction,
                              remeasure=lambda: self._interleaved_readings(problem, candidate.code, current.code))

    def _previous_attempt(self, problem: Problem, previous: Attempt | str | None) -> Attempt | str | None:
        """None for no previous code; an Attempt as given; code (to be evaluated) only when the reward
        looks at it."""
        if isinstance(previous, Attempt):
            return previous
        if previous is not None and not isinstance(previous, str):
            raise TypeError(f"previous must be an Attempt, code (str) or None; got {type(previous).__name__}")
        return previous if previous and previous.strip() and self.uses_previous else None

    def _evaluate_all(self, jobs: list[tuple[Problem, str]]) -> list[Evaluation]:
        if len(jobs) == 1:
            return [self.sandbox.evaluate(*jobs[0], profile=self.profile)]
        if not self.profile:
            return self.sandbox.evaluate_many(jobs)
        with ThreadPoolExecutor(self.sandbox.workers) as pool:
            return list(pool.map(lambda job: self.sandbox.evaluate(*job, profile=True), jobs))

    def _ranked(self, problem: Problem, code: str, evaluation: Evaluation) -> Attempt:
        """An attempt with its percentile for every metric, computed once."""
        attempt = Attempt(code, evaluation)
        if attempt.passed and evaluation.cost is not None:
            for metric in METRICS:
                references = self.references.get(problem, metric)
                if references:
                    attempt.percentiles[metric] = rewards.percentile_rank(
                        attempt.cost(metric), references, tie_gap=evaluation.cost.tie_gap(metric))
        return attempt

    def _score(self, problem: Problem, response: str, candidate: Attempt, previous: Attempt | None) -> Score:
        metric = self.instruction
        limits = problem.limits or self.sandbox.limits
        reward_input = rewards.RewardInput(
            response_text=response,
            passed=candidate.passed,
            cost=candidate.cost(metric),
            reference_costs=self.references.get(problem, metric) if candidate.passed else (),
            previous_passed=previous.passed if previous is not None and previous.evaluation is not None else None,
            previous_cost=previous.cost(metric) if previous is not None else None,
            cost_limit=cost_limit(limits, metric, self.sandbox.measure),
            cost_floor=rewards.cost_floor(Cost(mode=self.sandbox.measure).units[metric]),
            tie_gap=candidate.evaluation.cost.tie_gap(metric) if candidate.cost(metric) is not None else 0.0,
        )
        return Score(float(self.reward_fn(reward_input)), candidate, reward_input, metric)

    def _interleaved_readings(self, problem: Problem, candidate: str,
                              incumbent: str) -> tuple[list[float], list[float]]:
        """``ACCEPT_PAIRS`` fresh readings of each code in the instruction's metric, taken in pairs whose
        order alternates (incumbent first, then candidate first, ...) so that a drift in the machine's
        speed falls on both codes alike. A failed evaluation reads ``inf``."""
        ours: list[float] = []
        theirs: list[float] = []
        for pair in range(ACCEPT_PAIRS):
            order = [(theirs, incumbent), (ours, candidate)]
            for readings, code in order if pair % 2 == 0 else order[::-1]:
                evaluation = self.sandbox.evaluate(problem, code)
                passed = evaluation.passed and evaluation.cost is not None
                readings.append(evaluation.cost.metric(self.instruction) if passed else math.inf)
        return ours, theirs


# --- the acceptance rule --------------------------------------------------------------------------


@dataclass(frozen=True)
class Acceptance:
    """The acceptance rule's decision and the readings (in the instruction's metric) it was taken on:
    the step's own two readings, or the interleaved re-measurement (``inf``: that evaluation failed)."""

    accepted: bool
    reason: str
    candidate: tuple[float, ...] = ()
    incumbent: tuple[float, ...] = ()


def is_improvement(candidate: Attempt, current: Attempt, metric: str,
                   remeasure: Callable[[], tuple[list[float], list[float]]]) -> Acceptance:
    """The IOF acceptance rule (docs/REWARDS.md, "Acceptance rule"): is ``candidate`` kept over ``current``?

    A failing candidate never is; a passing one is when the current code fails; the same code (up to
    comments and formatting) never is. Between two different passing codes: on an exact count
    (``instructions`` mode, ``time``) a count lower by more than ``COUNT_MARGIN`` wins; on a noisy reading the
    candidate's own reading must be below the current code's by the noise gap, and then ``remeasure()`` —
    interleaved fresh readings ``(candidate's, current's)``, pair by pair — must show it cheaper in
    every pair and its median below the current code's median by the noise gap.
    """
    if not candidate.passed:
        return Acceptance(False, "failed")
    if not current.passed:
        return Acceptance(True, "passes")
    if same_code(candidate.code, current.code):
        return Acceptance(False, "same_code")
    ours, theirs = candidate.cost(metric), current.cost(metric)
    cost = candidate.evaluation.cost
    if cost.mode == "instructions" and metric == "time":
        # An exact count still jitters a little from one fork to the next: a gain must clear that
        # jitter, not merely exist.
        cheaper = ours < theirs - current.evaluation.cost.tie_gap(metric)
        return Acceptance(cheaper, "cheaper" if cheaper else "not_cheaper", (ours,), (theirs,))
    unit = cost.units[metric]
    if ours > theirs - noise_gap(theirs, unit):
        return Acceptance(False, "not_cheaper", (ours,), (theirs,))
    candidate_readings, current_readings = remeasure()
    gain = (all(c < i for c, i in zip(candidate_readings, current_readings, strict=True))
            and statistics.median(candidate_readings) <= statistics.median(current_readings)
            - noise_gap(statistics.median(current_readings), unit))
    return Acceptance(gain, "beyond_noise" if gain else "within_noise", tuple(candidate_readings),
                      tuple(current_readings))


def noise_gap(cost: float, unit: str) -> float:
    """The least gain below ``cost`` (in ``unit``) that a noisy reading is trusted to show."""
    return max(ACCEPT_MARGIN * cost, ACCEPT_FLOORS[unit])


def same_code(a: str, b: str) -> bool:
    """Whether two programs are the same up to comments, blank lines and formatting: equal syntax trees
    (``ast.dump`` leaves out positions). Code that does not parse is compared as stripped text."""
    try:
        return ast.dump(ast.parse(a)) == ast.dump(ast.parse(b))
    except (SyntaxError, ValueError, RecursionError):
        return a.strip() == b.strip()


def cost_limit(limits: Limits, metric: str, measure: str) -> float | None:
    """The problem's limit in the unit of the metric, where one exists (time in ms, memory MiB)."""
    if metric == "time" and measure == "cpu":
        return limits.time_s * 1000.0
    if metric == "memory":
        return float(limits.memory_mb)
    return None


def warn_unranked(problems: Sequence[Problem], reward: Any) -> None:
    """Warn that a correct answer to a problem with no reference solution earns only the percentile
    reward's correctness term (the ``afterburner`` reward needs no rank: no warning for it)."""
    unranked = [problem.id for problem in problems if not problem.solutions]
    if unranked and reward != "afterburner":
        listed = ", ".join(unranked[:5]) + (", ..." if len(unranked) > 5 else "")
        warnings.warn(f"{len(unranked)} of {len(problems)} problems have no reference solution ({listed}): a "
                      "correct answer there is unranked and earns the correctness term only (the percentile "
                      "reward's efficiency term is 0; see docs/REWARDS.md)", stacklevel=3)


def _reference_distribution(reference: Any, suite: Any, sandbox: Sandbox,
                            allow_mismatch: bool) -> ReferenceDistribution | None:
    measure = sandbox.measure
    if isinstance(reference, ReferenceDistribution):
        if reference.mode != measure:
            raise ValueError(f"reference: a {reference.mode!r} distribution cannot rank {measure!r} costs")
        setup = measurement_setup(measure, repeats=sandbox.repeats, limits=sandbox.limits,
                                  sample_period_s=sandbox.sample_period_s)
        differences = reference.setup_differences(setup)
        if differences and not allow_mismatch:
            raise ValueError("reference: this ReferenceDistribution was measured with another setup than "
                             f"this env's sandbox ({'; '.join(differences)}); its costs are not comparable. "
                             "Calibrate with this setup, or pass allow_reference_mismatch=True to use it anyway")
        return reference
    if reference == "measure":
        return None
    if reference != "auto":
        raise ValueError(f"reference must be 'auto', 'measure' or a ReferenceDistribution; got {reference!r}")
    try:
        return load_reference(suite, measure, repeats=sandbox.repeats, limits=sandbox.limits,
                              sample_period_s=sandbox.sample_period_s)
    except CalibrationNotFound as missing:
        message = f"{missing}; measuring the reference solutions here instead, on first use of each problem"
        if missing.stale:  # a calibration exists but is refused: say so loudly, it may be a surprise
            warnings.warn(message, StaleCalibrationWarning, stacklevel=4)
        else:
            logger.info(message)
        return None
