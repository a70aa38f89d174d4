"""``CodeEfficiencyEnv``: one programming problem per episode, code refined over iterations."""

from __future__ import annotations

import ast
import logging
import math
import os
import statistics
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from burner_env import rewards
from burner_env.feedback import STYLES, render_feedback
from burner_env.parsing import extract_code
from burner_env.problems import Limits, Problem, select_problems
from burner_env.reference import (
    CalibrationNotFound,
    ReferenceDistribution,
    StaleCalibrationWarning,
    load_reference,
    measurement_setup,
    problem_fingerprint,
)
from burner_env.sandbox import METRICS, Cost, Evaluation, Sandbox
from burner_env.spaces import UnicodeText

MAX_TEXT = 32_768
"""Longest observation text and action (characters); longer actions are format errors."""
INITIAL_CODES = ("empty", "reference")
RANK_CATEGORIES = ("better_than_all", "within", "worse_than_all", "failed")
UNRANKED = "unranked"
"""``info["rank_category"]`` of a passing attempt on a problem with no passing reference solution."""
logger = logging.getLogger(__name__)

# The acceptance rule on a noisy reading (docs/REWARDS.md, "Acceptance rule", has the measurements).
ACCEPT_PAIRS = 4
"""Interleaved pairs of fresh evaluations (incumbent, candidate) that decide between two passing codes."""
ACCEPT_MARGIN = 0.2
"""Least relative gain accepted on a noisy reading: same-code readings differ by up to ~35 % here."""
COUNT_MARGIN = 1e-3
"""Least relative gain accepted on an exact count (``instructions`` mode, ``time``): counts of one
program repeat to within ~3e-4 (36,321,032–36,331,165 for one binomial_queries reference)."""
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


@dataclass(frozen=True)
class Acceptance:
    """The acceptance rule's decision and the readings (in the instruction's metric) it was taken on:
    the step's own two readings, or the interleaved re-measurement (``inf``: that evaluation failed)."""

    accepted: bool
    reason: str
    candidate: tuple[float, ...] = ()
    incumbent: tuple[float, ...] = ()


@dataclass
class _Attempt:
    """Code, what the sandbox said of it, and its percentiles among the references (if it passed)."""

    code: str
    evaluation: Evaluation | None
    percentiles: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.evaluation is not None and self.evaluation.passed

    def cost(self, metric: str) -> float | None:
        return self.evaluation.cost.metric(metric) if self.passed and self.evaluation.cost else None


class CodeEfficiencyEnv(gym.Env):
    """Make a program correct, then faster or leaner, against measured reference solutions.

    ## Description

    An episode is one programming problem. The agent answers with text holding a program (in a
    ``<solution>`` block, or the last fenced code block); the environment runs it in a seccomp
    sandbox on the problem's tests, measures its cost, and answers with feedback. The agent then
    refines the best code so far, for ``max_iterations`` steps: the paper's Iterative Optimization
    Framework (Du et al., 2025, "Afterburner") as a Gymnasium episode.

    ## Action Space

    ``UnicodeText(32768)``: the agent's response. The program is extracted from its last
    ``<solution>…</solution>`` block, else its last fenced Python block; with none, the step is a
    ``format_error`` (reward as for failing code), never an exception. A non-``str`` action raises
    ``TypeError``.

    ## Observation Space

    A ``Dict``:

    | key         | space                 | meaning                                                  |
    |-------------|-----------------------|----------------------------------------------------------|
    | problem     | UnicodeText(32768)    | title, statement and the signature to implement          |
    | instruction | UnicodeText(16)       | ``time``, ``memory`` or ``integral``: what to minimise   |
    | code        | UnicodeText(32768)    | the current (best accepted) code; empty at the start     |
    | feedback    | UnicodeText(32768)    | feedback on that code, and on the last rejected attempt  |
    | iteration   | Discrete(max_it + 1)  | steps taken in this episode                              |

    ## Rewards

    ``reward="percentile"`` (default): ``w_c · correct + w_e · correct · rank`` with
    ``w_c = w_e = 0.5``, where ``rank`` is the share of the problem's passing reference solutions
    whose cost (of the ``instruction`` metric) is at least the candidate's, all measured on this
    machine the same way. In [0, 1]. ``reward="afterburner"``: the paper's GRPO reward (format ±1,
    correctness transition, ``tanh`` relative gain over the current code on costs with a floor;
    weights 0.2/0.5/0.3), in [-1, 1]. Any callable
    ``reward(inp: burner_env.rewards.RewardInput) -> float`` also works.

    A problem with no passing reference solution (none in the suite, or none passed here) has no
    rank: ``"percentile"`` then gives ``w_c · correct`` (efficiency term 0), ``"afterburner"`` is
    unchanged, ``info["rank_category"]`` of a passing attempt is ``"unranked"``, and the env warns
    when it is made (or when the references are measured). See docs/REWARDS.md.

    ## Starting State

    ``reset`` picks a problem (from ``seed``, or ``options["problem_id"]``) and the initial code:
    ``"empty"`` (nothing yet), ``"reference"`` (a seeded draw of a reference solution, as the paper
    starts from a human solution) or a string of code, which is evaluated first.

    ## Episode End

    No termination; truncation after ``max_iterations`` steps.

    ## Acceptance

    ``step`` keeps the attempt as the current code only when it is a real improvement (docs/REWARDS.md,
    "Acceptance rule"): a failing attempt never; a passing one over failing code; the same code up to
    comments and formatting never; on an exact count a strictly lower count; on a noisy reading (CPU
    time, memory, integral) only a gain beyond the measured noise, confirmed by ``ACCEPT_PAIRS``
    interleaved fresh evaluations of both codes. Code kept for such a gain is then reported on one more
    fresh evaluation: the readings that chose it are biased low (the winner's curse).

    ## Info

    | key                  | meaning                                                               |
    |----------------------|-----------------------------------------------------------------------|
    | verdict, costs,      | this step's attempt on its own evaluation (the one the reward used);  |
    | percentiles,         | costs in the measure's units (``cpu``: ms, MiB, MiB·ms;               |
    | rank_category        | ``instructions``: instructions, MiB, MiB·Minstr)                      |
    | accepted             | whether the attempt is now the current code                           |
    | acceptance           | ``reason`` (``ACCEPTANCE_REASONS``) and the readings the decision was |
    |                      | taken on: ``candidate`` and ``incumbent`` (``inf``: a failed run)     |
    | current              | verdict, costs, percentiles, rank_category of the current code on a   |
    |                      | reading no decision used: what to report (IOF's per-iteration figures)|
    | tests_passed, tests_run, format_ok, evaluation_s, problem_id, iteration | as named             |

    ## Arguments

    | argument        | default      | meaning                                                         |
    |-----------------|--------------|-----------------------------------------------------------------|
    | suite           | ``"builtin"``| suite name or path (see ``load_suite``), or a list of Problems  |
    | instruction     | ``"time"``   | ``time``, ``memory`` or ``integral``                            |
    | max_iterations  | 4            | steps per episode                                               |
    | initial_code    | ``"empty"``  | ``"empty"``, ``"reference"`` or code                            |
    | reward          | ``"percentile"`` | a reward name or callable                                   |
    | measure         | ``"cpu"``    | ``cpu`` (fast), ``instructions`` (exact, slow) or ``none``      |
    | repeats         | 3            | runs per measured test (median)                                 |
    | feedback        | ``"rich"``   | ``rich`` or ``paper``                                           |
    | problem_ids     | None         | restrict the suite to these problem ids                         |
    | limits          | None         | default per-test limits (a problem's own limits win)            |
    | sandbox         | None         | a shared ``Sandbox`` (the env then does not close it)           |
    | backend         | ``"local"``  | executor of the env's own sandbox: ``local`` or ``ray``         |
    | reference       | ``"auto"``   | reference costs: ``"auto"`` (the calibration by                 |
    |                 |              | ``burner calibrate`` for exactly this sandbox setup, else       |
    |                 |              | measured here on first use), ``"measure"`` (always measured     |
    |                 |              | here), or a ``ReferenceDistribution`` measured with this setup  |
    | allow_reference_mismatch | False | use a ``ReferenceDistribution`` measured with another       |
    |                 |              | setup (Python, machine, repeats, limits, code) anyway           |
    | render_mode     | None         | ``"ansi"`` returns a text view of the episode                   |

    ## Version History

    * v0: initial version.
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 1}

    def __init__(self, suite: str | list[Problem] = "builtin", instruction: str = "time",
                 max_iterations: int = 4, initial_code: str = "empty", reward: Any = "percentile",
                 measure: str = "cpu", repeats: int = 3, feedback: str = "rich",
                 problem_ids: list[str] | None = None, limits: Limits | None = None,
                 sandbox: Sandbox | None = None, render_mode: str | None = None, backend: str = "local",
                 reference: str | ReferenceDistribution = "auto", allow_reference_mismatch: bool = False) -> None:
        if instruction not in METRICS:
            raise ValueError(f"instruction must be one of {', '.join(METRICS)}; got {instruction!r}")
        if not isinstance(max_iterations, int) or max_iterations < 1:
            raise ValueError(f"max_iterations must be a positive integer; got {max_iterations!r}")
        if feedback not in STYLES:
            raise ValueError(f"feedback must be one of {', '.join(STYLES)}; got {feedback!r}")
        if render_mode not in (None, "ansi"):
            raise ValueError(f"render_mode must be None or 'ansi'; got {render_mode!r}")
        _check_initial_code(initial_code)
        self.problems = select_problems(suite, problem_ids)
        self._by_id = {p.id: p for p in self.problems}
        self.instruction = instruction
        self.max_iterations = max_iterations
        self.initial_code = initial_code
        self.reward_fn = reward if callable(reward) else rewards.get_reward(reward)
        self.feedback_style = feedback
        self.render_mode = render_mode
        self._owns_sandbox = sandbox is None
        self.sandbox = sandbox or Sandbox(limits=limits, measure=measure, repeats=repeats, backend=backend)
        if self.sandbox.measure == "none":
            raise ValueError("measure='none' gives no costs to reward; use 'cpu' or 'instructions'")
        self._distribution = _reference_distribution(reference, suite, self.sandbox, allow_reference_mismatch)
        if reward != "afterburner":
            _warn_unranked([p.id for p in self.problems if not p.solutions], len(self.problems))
        # problem id → metric → costs; a native vector env shares one cache (and lock) among its envs.
        self._reference_costs: dict[str, dict[str, tuple[float, ...]]] = {}
        self._reference_lock = threading.Lock()

        text = UnicodeText(MAX_TEXT)
        self.action_space = UnicodeText(MAX_TEXT)
        self.observation_space = spaces.Dict({
            "problem": text, "instruction": UnicodeText(16), "code": text, "feedback": text,
            "iteration": spaces.Discrete(max_iterations + 1),
        })
        self._problem: Problem | None = None
        self._current: _Attempt | None = None
        # The kept code on a reading that selected nothing (see ``step``); ``_current`` keeps the reading
        # it won on, for the next decision's first comparison.
        self._kept: _Attempt | None = None
        self._last_rejected: _Attempt | None = None
        self._iteration = 0
        self._episode_over = True
        self._history: list[str] = []

    # --- Gymnasium API ----------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        options = dict(options or {})
        unknown = set(options) - {"problem_id", "instruction", "initial_code"}
        if unknown:
            raise ValueError(f"unknown reset options {sorted(unknown)}; "
                             "expected problem_id, instruction, initial_code")
        if "instruction" in options:
            if options["instruction"] not in METRICS:
                raise ValueError(f"options['instruction'] must be one of {', '.join(METRICS)}")
            self.instruction = options["instruction"]
        if "problem_id" in options:
            if options["problem_id"] not in self._by_id:
                raise ValueError(f"options['problem_id']: no problem {options['problem_id']!r} in this suite")
            self._problem = self._by_id[options["problem_id"]]
        else:
            self._problem = self.problems[int(self.np_random.integers(len(self.problems)))]
        initial = options.get("initial_code", self.initial_code)
        _check_initial_code(initial)
        self._current = self._initial_attempt(initial)
        self._kept = self._current  # chosen without regard to its cost: its own reading is unbiased
        self._last_rejected = None
        self._iteration = 0
        self._episode_over = False
        self._history = [f"problem {self._problem.id} ({self.instruction}); initial code: "
                         f"{_describe_attempt(self._current)}"]
        return self._observation(), self._info(self._current, Acceptance(True, "initial"), reward_input=None)

    def step(self, action: str):
        if self._problem is None:
            raise gym.error.ResetNeeded("call reset() before step()")
        if self._episode_over:
            raise gym.error.ResetNeeded("the episode is over (truncated); call reset() before step()")
        if not isinstance(action, str):
            raise TypeError(f"the action must be the agent's response text (str), got {type(action).__name__}")
        candidate = self._attempt_from_response(action)
        reward_input = self._reward_input(action, candidate)
        reward = float(self.reward_fn(reward_input))
        current = self._current
        acceptance = is_improvement(candidate, current, self.instruction,
                                    remeasure=lambda: self._interleaved_readings(candidate.code, current.code))
        accepted = acceptance.accepted
        if accepted:
            self._current, self._kept, self._last_rejected = candidate, candidate, None
            if acceptance.reason == "beyond_noise":
                # Chosen for a low noisy reading, so its readings so far are biased low (the winner's
                # curse): report it on a fresh one that decides nothing.
                self._kept = self._attempt(candidate.code, self.sandbox.evaluate(self._problem, candidate.code))
        else:
            self._last_rejected = candidate
        self._iteration += 1
        truncated = self._iteration >= self.max_iterations
        self._episode_over = truncated
        info = self._info(candidate, acceptance, reward_input=reward_input)
        self._history.append(f"step {self._iteration}: {_describe_attempt(candidate)}, reward {reward:+.3f}, "
                             f"{'accepted' if accepted else 'rejected'}")
        return self._observation(), reward, False, truncated, info

    def render(self) -> str | None:
        if self.render_mode != "ansi" or self._problem is None:
            return None
        observation = self._observation()
        rule = "-" * 78
        return "\n".join([rule, *self._history, rule, "Current code:", observation["code"] or "(none)",
                          rule, "Feedback:", observation["feedback"], rule])

    def close(self) -> None:
        if self._owns_sandbox:
            self.sandbox.close()

    # --- the episode ------------------------------------------------------------------------------

    @property
    def problem(self) -> Problem | None:
        return self._problem

    def _initial_attempt(self, initial: str) -> _Attempt:
        if initial == "empty":
            return _Attempt("", None)
        if initial == "reference":
            if not self._problem.solutions:
                raise ValueError(f"problem {self._problem.id!r} has no reference solution to start from")
            choice = int(self.np_random.integers(len(self._problem.solutions)))
            initial = self._problem.solutions[choice].code
        return self._attempt(initial, self._evaluate(initial))

    def _attempt_from_response(self, response: str) -> _Attempt:
        code = extract_code(response) if len(response) <= MAX_TEXT else None
        if code is None:
            reason = ("the response is longer than the action space allows" if len(response) > MAX_TEXT
                      else "no code found: put the program in <solution> ... </solution>")
            return _Attempt("", Evaluation(self._problem.id, "format_error", message=reason))
        return self._attempt(code, self._evaluate(code))

    def _evaluate(self, code: str) -> Evaluation:
        return self.sandbox.evaluate(self._problem, code, profile=self.feedback_style == "rich")

    def _interleaved_readings(self, candidate: str, incumbent: str) -> tuple[list[float], list[float]]:
        """``ACCEPT_PAIRS`` fresh readings of each code in the instruction's metric, taken in pairs whose
        order alternates (incumbent first, then candidate first, ...) so that a drift in the machine's
        speed falls on both codes alike. A failed evaluation reads ``inf``."""
        ours: list[float] = []
        theirs: list[float] = []
        for pair in range(ACCEPT_PAIRS):
            order = [(theirs, incumbent), (ours, candidate)]
            for readings, code in order if pair % 2 == 0 else order[::-1]:
                evaluation = self.sandbox.evaluate(self._problem, code)
                passed = evaluation.passed and evaluation.cost is not None
                readings.append(evaluation.cost.metric(self.instruction) if passed else math.inf)
        return ours, theirs

    def reference_costs(self, problem: Problem, metric: str) -> tuple[float, ...]:
        """Costs of the problem's passing reference solutions on this machine, in this measure: from
        the calibration when it holds this very problem, else measured here once like any submission."""
        with self._reference_lock:
            if problem.id not in self._reference_costs:
                distribution = self._distribution
                if (distribution is not None and problem.id in distribution.problems
                        and distribution.fingerprints.get(problem.id) == problem_fingerprint(problem)):
                    costs = {m: tuple(distribution.costs(problem.id, m)) for m in METRICS}
                else:
                    evaluations = self.sandbox.evaluate_many([(problem, s.code) for s in problem.solutions])
                    passed = [e.cost for e in evaluations if e.passed and e.cost is not None]
                    costs = {m: tuple(c.metric(m) for c in passed) for m in METRICS}
                if problem.solutions and not costs[metric]:
                    warnings.warn(f"problem {problem.id!r}: none of its {len(problem.solutions)} reference "
                                  "solutions passed here, so its attempts are unranked (the percentile "
                                  "reward's efficiency term is 0); run `burner validate`", stacklevel=2)
                self._reference_costs[problem.id] = costs
            return self._reference_costs[problem.id][metric]

    def share_references_with(self, other: CodeEfficiencyEnv) -> None:
        """Use ``other``'s cache of reference costs (same sandbox settings), so that envs working side by
        side measure each problem's references once."""
        self._reference_costs, self._reference_lock = other._reference_costs, other._reference_lock

    def warm_up(self, problem_ids: list[str] | None = None) -> None:
        """Get the reference costs of these problems (default: all) now rather than on first use."""
        for problem_id in problem_ids or list(self._by_id):
            self.reference_costs(self._by_id[problem_id], self.instruction)

    def _attempt(self, code: str, evaluation: Evaluation) -> _Attempt:
        """An attempt with its percentile for every metric, computed once."""
        attempt = _Attempt(code, evaluation)
        if attempt.passed and evaluation.cost is not None:
            for metric in METRICS:
                references = self.reference_costs(self._problem, metric)
                if references:
                    attempt.percentiles[metric] = rewards.percentile_rank(attempt.cost(metric), references)
        return attempt

    def _reward_input(self, response: str, candidate: _Attempt) -> rewards.RewardInput:
        metric = self.instruction
        previous = self._current
        limits = self._problem.limits or self.sandbox.limits
        return rewards.RewardInput(
            response_text=response,
            passed=candidate.passed,
            cost=candidate.cost(metric),
            reference_costs=self.reference_costs(self._problem, metric) if candidate.passed else (),
            previous_passed=previous.passed if previous.evaluation is not None else None,
            previous_cost=previous.cost(metric),
            cost_limit=cost_limit(limits, metric, self.sandbox.measure),
            cost_floor=rewards.cost_floor(Cost(mode=self.sandbox.measure).units[metric]),
        )

    # --- observation and info ---------------------------------------------------------------------

    def _observation(self) -> dict:
        feedback = render_feedback(self._current.evaluation, self._problem, style=self.feedback_style,
                                   percentiles=self._current.percentiles)
        if self._last_rejected is not None:
            rejected = render_feedback(self._last_rejected.evaluation, self._problem,
                                       style=self.feedback_style,
                                       percentiles=self._last_rejected.percentiles)
            feedback += ("\n\nYour last attempt was not kept (it was not better than the current code):\n"
                         + rejected)
        return {
            "problem": _clip(problem_text(self._problem)),
            "instruction": self.instruction,
            "code": _clip(self._current.code),
            "feedback": _clip(feedback),
            "iteration": self._iteration,
        }

    def _info(self, attempt: _Attempt, acceptance: Acceptance, reward_input: rewards.RewardInput | None) -> dict:
        evaluation = attempt.evaluation
        return {
            "problem_id": self._problem.id,
            "iteration": self._iteration,
            **self._figures(attempt),
            "tests_passed": sum(t.passed for t in evaluation.tests) if evaluation else 0,
            "tests_run": len(evaluation.tests) if evaluation else 0,
            "accepted": acceptance.accepted,
            "acceptance": {"reason": acceptance.reason, "candidate": list(acceptance.candidate),
                           "incumbent": list(acceptance.incumbent)},
            "current": self._figures(self._kept),
            "format_ok": rewards.format_reward(reward_input.response_text) > 0 if reward_input else False,
            "evaluation_s": evaluation.wall_s if evaluation else 0.0,
        }

    def _figures(self, attempt: _Attempt) -> dict:
        """Verdict, costs (every metric), percentiles and rank category of one reading of an attempt."""
        evaluation = attempt.evaluation
        costs = {}
        if attempt.passed and evaluation.cost is not None:
            costs = {metric: evaluation.cost.metric(metric) for metric in METRICS}
        return {
            "verdict": evaluation.verdict if evaluation else "none",
            "costs": costs,
            "percentiles": dict(attempt.percentiles),  # infos must not share objects (Gymnasium)
            "rank_category": rank_category(attempt.passed, attempt.percentiles.get(self.instruction)),
        }


# --- pure helpers ---------------------------------------------------------------------------------


def is_improvement(candidate: _Attempt, current: _Attempt, metric: str,
                   remeasure: Callable[[], tuple[list[float], list[float]]]) -> Acceptance:
    """The IOF acceptance rule (docs/REWARDS.md, "Acceptance rule"): is ``candidate`` kept over ``current``?

    A failing candidate never is; a passing one is when the current code fails; the same code (up to
    comments and formatting) never is. Between two different passing codes: on an exact count
    (``instructions`` mode, ``time``) a count lower by more than ``COUNT_MARGIN`` wins; on a noisy reading the candidate's
    own reading must be below the current code's by the noise gap, and then ``remeasure()`` —
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
        # The zygote's heap differs a little from one fork to the next (docs/SANDBOX.md): a gain
        # must clear that jitter, not merely exist.
        cheaper = ours < theirs * (1 - COUNT_MARGIN)
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


def rank_category(passed: bool, rank: float | None) -> str:
    """The paper's B/M/W/F buckets: better than all references, within, worse than all, failed; and
    ``"unranked"`` for a pass with no rank (no reference solution passed)."""
    if not passed:
        return "failed"
    if rank is None:
        return UNRANKED
    if rank >= 1.0:
        return "better_than_all"
    return "worse_than_all" if rank <= 0.0 else "within"


def problem_text(problem: Problem) -> str:
    """What the agent reads: title, statement and the signature it must implement."""
    if problem.io == "stdin":
        contract = "Write a program that reads standard input and writes standard output."
    elif problem.io == "class":
        contract = f"Implement `{problem.entry_point}` in `class {problem.class_name}`."
    else:
        contract = f"Implement the function `{problem.entry_point}`."
    parts = [f"# {problem.title}", problem.statement.strip(), contract]
    if problem.starter_code.strip():
        parts.append(f"Starter code:\n```python\n{problem.starter_code.rstrip()}\n```")
    return "\n\n".join(parts)


def cost_limit(limits: Limits, metric: str, measure: str) -> float | None:
    """The problem's limit in the unit of the metric, where one exists (time in ms, memory MiB)."""
    if metric == "time" and measure == "cpu":
        return limits.time_s * 1000.0
    if metric == "memory":
        return float(limits.memory_mb)
    return None


def _check_initial_code(initial: Any) -> None:
    if not isinstance(initial, str):
        raise TypeError(f"initial_code must be 'empty', 'reference' or code (a str); got {type(initial).__name__}")


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
            warnings.warn(message, StaleCalibrationWarning, stacklevel=3)
        else:
            logger.info(message)
        return None


def _warn_unranked(problem_ids: list[str], total: int) -> None:
    if problem_ids:
        listed = ", ".join(problem_ids[:5]) + (", ..." if len(problem_ids) > 5 else "")
        warnings.warn(f"{len(problem_ids)} of {total} problems have no reference solution ({listed}): a correct "
                      "answer there is unranked and earns the correctness term only (the percentile "
                      "reward's efficiency term is 0; see docs/REWARDS.md)", stacklevel=3)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 20] + "\n[... truncated]"


def _describe_attempt(attempt: _Attempt) -> str:
    if attempt.evaluation is None:
        return "none"
    evaluation = attempt.evaluation
    if evaluation.passed and evaluation.cost is not None:
        cost = evaluation.cost
        return (f"{evaluation.verdict} (time {cost.metric('time'):.4g} {cost.units['time']}, "
                f"memory {cost.memory_mb:.3g} MiB)")
    return evaluation.verdict


# --- the native vector env ------------------------------------------------------------------------


class CodeEfficiencyVectorEnv(VectorEnv):
    """N episodes whose candidates are evaluated concurrently through one sandbox pool.

    One process, one ``Sandbox`` with ``workers`` zygotes (default: ``num_envs``), N sub-environments
    sharing it; ``step`` evaluates the N responses in parallel threads (the work happens in the
    sandboxed children, so threads suffice). Autoreset: next step (Gymnasium's default).
    """

    metadata = {"render_modes": ["ansi"], "autoreset_mode": AutoresetMode.NEXT_STEP}

    def __init__(self, num_envs: int, workers: int | None = None, **env_kwargs: Any) -> None:
        if not isinstance(num_envs, int) or num_envs < 1:
            raise ValueError(f"num_envs must be a positive integer; got {num_envs!r}")
        measure = env_kwargs.pop("measure", "cpu")
        repeats = env_kwargs.pop("repeats", 3)
        limits = env_kwargs.pop("limits", None)
        backend = env_kwargs.pop("backend", "local")
        env_kwargs.pop("max_episode_steps", None)  # our own max_iterations truncates
        # More zygotes than cores add no throughput and measure costs on an oversubscribed machine.
        self._sandbox = Sandbox(limits=limits, measure=measure, repeats=repeats,
                                workers=workers or min(num_envs, os.cpu_count() or 1), backend=backend)
        self.envs = [CodeEfficiencyEnv(sandbox=self._sandbox, **env_kwargs) for _ in range(num_envs)]
        for env in self.envs[1:]:  # measure each problem's references once, not once per sub-env
            env.share_references_with(self.envs[0])
        self.num_envs = num_envs
        self.render_mode = self.envs[0].render_mode
        self.single_observation_space = self.envs[0].observation_space
        self.single_action_space = self.envs[0].action_space
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self._pool = ThreadPoolExecutor(num_envs)
        self._needs_reset = np.zeros(num_envs, dtype=bool)

    def reset(self, *, seed: int | list[int] | None = None, options: dict | None = None):
        seeds = seed if isinstance(seed, list) else [None if seed is None else seed + i
                                                     for i in range(self.num_envs)]
        results = list(self._pool.map(lambda pair: pair[0].reset(seed=pair[1], options=options),
                                      zip(self.envs, seeds)))
        self._needs_reset[:] = False
        return self._batch(results)

    def step(self, actions):
        def advance(index: int):
            env = self.envs[index]
            if self._needs_reset[index]:
                observation, info = env.reset()
                return observation, 0.0, False, False, info
            return env.step(actions[index])

        results = list(self._pool.map(advance, range(self.num_envs)))
        observations = [r[0] for r in results]
        rewards_ = np.array([r[1] for r in results], dtype=np.float64)
        terminations = np.array([r[2] for r in results], dtype=bool)
        truncations = np.array([r[3] for r in results], dtype=bool)
        self._needs_reset = terminations | truncations
        stacked, infos = self._batch([(o, r[4]) for o, r in zip(observations, results)])
        return stacked, rewards_, terminations, truncations, infos

    def _batch(self, results: list[tuple[dict, dict]]):
        observations = {key: tuple(o[key] for o, _ in results) for key in self.single_observation_space}
        observations["iteration"] = np.array(observations["iteration"], dtype=np.int64)
        infos: dict = {}
        for index, (_, info) in enumerate(results):
            infos = self._add_info(infos, info, index)
        return observations, infos

    def render(self) -> tuple[str | None, ...]:
        return tuple(env.render() for env in self.envs)

    def close_extras(self, **kwargs: Any) -> None:
        self._pool.shutdown(wait=True)
        self._sandbox.close()
