"""``CodeEfficiencyEnv``: one programming problem per episode, code refined over iterations."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from burner_env.feedback import STYLES, render_feedback
from burner_env.problems import Limits, Problem, select_problems
from burner_env.prompts import problem_text
from burner_env.reference import ReferenceDistribution
from burner_env.sandbox import METRICS, Sandbox
from burner_env.scoring import MAX_TEXT, Acceptance, Attempt, ReferenceCosts, Scorer, warn_unranked
from burner_env.spaces import UnicodeText

INITIAL_CODES = ("empty", "reference", "starter")
RANK_CATEGORIES = ("better_than_all", "within", "worse_than_all", "failed")
UNRANKED = "unranked"
"""``info["rank_category"]`` of a passing attempt on a problem with no passing reference solution."""

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
    | code        | UnicodeText(32768)    | the current (best accepted) code; empty at the start;    |
    |             |                       | while no attempt has passed, the last failing attempt    |
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
    starts from a human solution), ``"starter"`` (the problem's starter code: a stub, or in the
    synthetic suite a slow working program to speed up) or a string of code; code is evaluated first.

    A seeded reset draws the same problem and initial code every time, but the feedback on passing
    code carries costs measured on this machine, so two seeded resets (and steps) can differ in those
    figures: the env is registered ``nondeterministic=True``, and Gymnasium's ``check_env`` determinism
    check holds only for an initial code that does not pass (``"empty"``, the default).

    ## Episode End

    No termination; truncation after ``max_iterations`` steps.

    ## Acceptance

    Rewards, reference costs and this rule are ``burner_env.scoring``'s (``env.scorer``), the same for
    every adapter (TRL, verl, the GRPO trainer). ``step`` keeps the attempt as the current code only when it
    is a real improvement (docs/REWARDS.md, "Acceptance rule"): a failing attempt never; a passing one over
    failing code; the same code up to comments and formatting never; on an exact count a strictly lower
    count; on a noisy reading (CPU time, memory, integral) only a gain beyond the measured noise, confirmed
    by ``scoring.ACCEPT_PAIRS`` interleaved fresh evaluations of both codes. Code kept for such a gain is
    then reported on one more fresh evaluation: the readings that chose it are biased low (the winner's
    curse).

    ## Info

    | key                  | meaning                                                               |
    |----------------------|-----------------------------------------------------------------------|
    | verdict, costs,      | this step's attempt on its own evaluation (the one the reward used);  |
    | percentiles,         | costs in the measure's units (``cpu``: ms, MiB, MiB·ms;               |
    | rank_category        | ``instructions``: instructions, MiB, MiB·Minstr)                      |
    | accepted             | whether the attempt is now the current code                           |
    | acceptance           | ``reason`` (``scoring.ACCEPTANCE_REASONS``) and the readings the      |
    |                      | decision was taken on: ``candidate`` and ``incumbent`` (``inf``: a    |
    |                      | failed run)                                                           |
    | current              | verdict, costs, percentiles, rank_category of the current code on a   |
    |                      | reading no decision used: what to report (IOF's per-iteration figures)|
    | correctness_passed,  | correctness tests passed, of the problem's (the feedback's "11/11")   |
    | correctness_total    |                                                                       |
    | tests_passed,        | every test that ran, efficiency tests included (a run stops at the    |
    | tests_run            | first failure)                                                        |
    | format_ok, evaluation_s, problem_id, iteration | as named                                    |

    ## Arguments

    | argument        | default      | meaning                                                         |
    |-----------------|--------------|-----------------------------------------------------------------|
    | suite           | ``"builtin"``| suite name or path (see ``load_suite``), or a list of Problems  |
    | instruction     | ``"time"``   | ``time``, ``memory`` or ``integral``                            |
    | max_iterations  | 4            | steps per episode                                               |
    | initial_code    | ``"empty"``  | ``"empty"``, ``"reference"``, ``"starter"`` or code             |
    | reward          | ``"percentile"`` | a reward name or callable                                   |
    | measure         | ``"cpu"``    | ``cpu`` (fast), ``instructions`` (exact, slow) or ``none``      |
    | repeats         | 3            | runs per measured test (median)                                 |
    | feedback        | ``"rich"``   | ``rich``, ``paper``, or ``ranks`` (rich without readings or     |
    |                 |              | profile: the same code always gets the same text)               |
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
        self.max_iterations = max_iterations
        self.initial_code = initial_code
        self.feedback_style = feedback
        self.render_mode = render_mode
        self._owns_sandbox = sandbox is None
        self.sandbox = sandbox or Sandbox(limits=limits, measure=measure, repeats=repeats, backend=backend)
        if self.sandbox.measure == "none":
            raise ValueError("measure='none' gives no costs to reward; use 'cpu' or 'instructions'")
        # Scoring (reward, reference costs, acceptance) is burner_env.scoring's, as for every adapter.
        references = ReferenceCosts(self.sandbox, suite, reference, allow_reference_mismatch)
        self.scorer = Scorer(self.sandbox, references, instruction, reward, profile=feedback == "rich")
        warn_unranked(self.problems, reward)

        text = UnicodeText(MAX_TEXT)
        self.action_space = UnicodeText(MAX_TEXT)
        self.observation_space = spaces.Dict({
            "problem": text, "instruction": UnicodeText(16), "code": text, "feedback": text,
            "iteration": spaces.Discrete(max_iterations + 1),
        })
        self._problem: Problem | None = None
        self._current: Attempt | None = None
        # The kept code on a reading that selected nothing (see ``step``); ``_current`` keeps the reading
        # it won on, for the next decision's first comparison.
        self._kept: Attempt | None = None
        self._last_rejected: Attempt | None = None
        self._iteration = 0
        # Why ``step`` cannot run now ("" when it can): no reset yet, a failed reset, or a truncation.
        self._reset_needed = "call reset() before step()"
        self._history: list[str] = []

    # --- Gymnasium API ----------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        super().reset(seed=seed)
        try:
            observation, info = self._start_episode(dict(options or {}))
        except BaseException as error:
            # Nothing of the failed reset is kept, and no step runs on the episode before it.
            self._reset_needed = (f"the last reset() failed ({type(error).__name__}: {error}); "
                                  "call reset() again")
            raise
        self._reset_needed = ""
        return observation, info

    def step(self, action: str):
        if self._reset_needed:
            raise gym.error.ResetNeeded(self._reset_needed)
        if not isinstance(action, str):
            raise TypeError(f"the action must be the agent's response text (str), got {type(action).__name__}")
        score = self.scorer.score(self._problem, action, previous=self._current)
        candidate, reward = score.attempt, score.reward
        acceptance = self.scorer.accept(self._problem, candidate, self._current)
        accepted = acceptance.accepted
        if accepted:
            self._current, self._kept, self._last_rejected = candidate, candidate, None
            if acceptance.reason == "beyond_noise":
                # Chosen for a low noisy reading, so its readings so far are biased low (the winner's
                # curse): report it on a fresh one that decides nothing.
                self._kept = self.scorer.attempt(self._problem, candidate.code)
        else:
            self._last_rejected = candidate
        self._iteration += 1
        truncated = self._iteration >= self.max_iterations
        if truncated:
            self._reset_needed = "the episode is over (truncated); call reset() before step()"
        info = self._info(candidate, acceptance, format_ok=score.format_ok)
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

    @property
    def instruction(self) -> str:
        """The metric this episode minimises (``reset(options={"instruction": ...})`` changes it)."""
        return self.scorer.instruction

    def _start_episode(self, options: dict) -> tuple[dict, dict]:
        """``reset``'s work: every option is checked before anything changes."""
        unknown = set(options) - {"problem_id", "instruction", "initial_code"}
        if unknown:
            raise ValueError(f"unknown reset options {sorted(unknown)}; "
                             "expected problem_id, instruction, initial_code")
        instruction = options.get("instruction", self.instruction)
        if instruction not in METRICS:
            raise ValueError(f"options['instruction'] must be one of {', '.join(METRICS)}, got {instruction!r}")
        if "problem_id" in options:
            if not isinstance(options["problem_id"], str) or options["problem_id"] not in self._by_id:
                raise ValueError(f"options['problem_id']: no problem {options['problem_id']!r} in this suite")
            problem = self._by_id[options["problem_id"]]
        else:
            problem = self.problems[int(self.np_random.integers(len(self.problems)))]
        initial = options.get("initial_code", self.initial_code)
        _check_initial_code(initial)
        current = self._initial_attempt(problem, initial)
        self.scorer.instruction = instruction
        self._problem, self._current = problem, current
        self._kept = current  # chosen without regard to its cost: its own reading is unbiased
        self._last_rejected = None
        self._iteration = 0
        self._history = [f"problem {problem.id} ({instruction}); initial code: {_describe_attempt(current)}"]
        return self._observation(), self._info(current, Acceptance(True, "initial"), format_ok=False)

    def _initial_attempt(self, problem: Problem, initial: str) -> Attempt:
        if initial == "empty":
            return Attempt("")
        if initial == "reference":
            if not problem.solutions:
                raise ValueError(f"problem {problem.id!r} has no reference solution to start from")
            initial = problem.solutions[int(self.np_random.integers(len(problem.solutions)))].code
        elif initial == "starter":
            if not problem.starter_code.strip():
                return Attempt("")
            initial = problem.starter_code
        return self.scorer.attempt(problem, initial)

    def reference_costs(self, problem: Problem, metric: str) -> tuple[float, ...]:
        """Costs of the problem's passing reference solutions on this machine, in this measure: from
        the calibration when it holds this very problem, else measured here once like any submission."""
        return self.scorer.references.get(problem, metric)

    def share_references_with(self, other: CodeEfficiencyEnv) -> None:
        """Use ``other``'s reference costs (same sandbox settings), so that envs working side by side
        measure each problem's references once."""
        self.scorer.references = other.scorer.references

    def warm_up(self, problem_ids: list[str] | None = None) -> None:
        """Get the reference costs of these problems (default: all) now rather than on first use."""
        for problem_id in problem_ids or list(self._by_id):
            self.reference_costs(self._by_id[problem_id], self.instruction)

    # --- observation and info ---------------------------------------------------------------------

    def _observation(self) -> dict:
        code, feedback = self._current.code, self._feedback(self._current)
        if self._last_rejected is not None and not self._current.passed:
            # The repair path of the paper's loop: until an attempt passes, show the agent its own
            # failing code and what failed, to fix.
            code = self._last_rejected.code
            feedback = ("No attempt has passed yet. The code is your last attempt; fix it.\n"
                        + self._feedback(self._last_rejected))
        elif self._last_rejected is not None:
            feedback += ("\n\nYour last attempt was not kept (it was not better than the current code):\n"
                         + self._feedback(self._last_rejected))
        return {
            "problem": _clip(problem_text(self._problem)),
            "instruction": self.instruction,
            "code": _clip(code),
            "feedback": _clip(feedback),
            "iteration": self._iteration,
        }

    def _feedback(self, attempt: Attempt) -> str:
        return render_feedback(attempt.evaluation, self._problem, style=self.feedback_style,
                               percentiles=attempt.percentiles)

    def _info(self, attempt: Attempt, acceptance: Acceptance, format_ok: bool) -> dict:
        evaluation = attempt.evaluation
        return {
            "problem_id": self._problem.id,
            "iteration": self._iteration,
            **self._figures(attempt),
            "tests_passed": sum(t.passed for t in evaluation.tests) if evaluation else 0,
            "tests_run": len(evaluation.tests) if evaluation else 0,
            "correctness_passed": sum(t.passed for t in evaluation.tests if t.kind == "correctness")
            if evaluation else 0,
            "correctness_total": len(self._problem.tests),
            "accepted": acceptance.accepted,
            "acceptance": {"reason": acceptance.reason, "candidate": list(acceptance.candidate),
                           "incumbent": list(acceptance.incumbent)},
            "current": self._figures(self._kept),
            "format_ok": format_ok,
            "evaluation_s": evaluation.wall_s if evaluation else 0.0,
        }

    def _figures(self, attempt: Attempt) -> dict:
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


def _check_initial_code(initial: Any) -> None:
    if not isinstance(initial, str):
        raise TypeError(f"initial_code must be one of {', '.join(INITIAL_CODES)} or code (a str); "
                        f"got {type(initial).__name__}")


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 20] + "\n[... truncated]"


def _describe_attempt(attempt: Attempt) -> str:
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
