"""Training data from a problem suite: SFT pairs, DPO preferences, GRPO prompts and the GRPO reward.

Everything comes from the problems' reference solutions, measured on this machine by the environment
itself: for each solution we reset a :class:`~burner_env.env.CodeEfficiencyEnv` with that solution as the
initial code, so a training prompt is exactly what the model reads during IOF (problem, current code and
the env's feedback on it, rendered by :func:`agents.prompts.render_prompt`), and the solution's cost is the
one the env measured.

- **SFT** (``prompt → completion``): from the problem alone, and from every solution that is slower than
  the fastest by more than ``min_speedup``, to the fastest solution, written in the paper's format by
  :func:`agents.prompts.format_response` with a short thinking text naming the complexity change.
- **DPO** (``prompt, chosen, rejected``): on the same prompts, every pair of solutions whose measured costs
  differ by more than ``min_speedup``; chosen is the cheaper one. Rows carry both costs.
- **GRPO** (``prompt, problem_id, code``): the same prompts; :class:`EnvReward` scores completions with
  the env's own reward.

The built-in suite is split deterministically into training and held-out problems by hashing each id
(:func:`split_problems`): a problem is held out when the first byte of ``sha256(id)`` is below 64, about
a quarter of any suite, stable when problems are added or removed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.prompts import format_response, render_prompt
from burner_env.env import CodeEfficiencyEnv
from burner_env.problems import Problem, Solution, load_suite
from burner_env.sandbox import Sandbox
from burner_env.scoring import Scorer

HELD_OUT_BYTE_BELOW = 64
"""A problem is held out when the first byte of sha256(problem id) is below this (64/256 = 25 %)."""


def is_held_out(problem_id: str) -> bool:
    """Whether ``problem_id`` belongs to the held-out (evaluation) split."""
    return hashlib.sha256(problem_id.encode()).digest()[0] < HELD_OUT_BYTE_BELOW


def split_problems(problems: Sequence[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(training, held-out) problems, in suite order; see :func:`is_held_out`."""
    return ([p for p in problems if not is_held_out(p.id)], [p for p in problems if is_held_out(p.id)])


def suite_split(suite: str = "builtin", split: str = "train") -> list[Problem]:
    """The ``train``, ``heldout`` or ``all`` problems of a suite. The procedural suite (``synthetic``,
    options in the name) uses its own split, by family and by seed (docs/DATASETS.md): split by id hash,
    its held-out families would leak into training."""
    if suite.split(":", 1)[0] == "synthetic":
        return load_suite(suite, **({} if split == "all" else {"split": split}))
    problems = load_suite(suite)
    train, held_out = split_problems(problems)
    return {"train": train, "heldout": held_out, "all": problems}[split]


@dataclass
class MeasuredSolution:
    """A reference solution as the env saw it when it was the current code."""

    solution: Solution
    observation: dict
    cost: float | None
    """cost in the instruction's metric; None when the solution failed"""


@dataclass
class ProblemData:
    """One problem's prompt without code and its measured reference solutions, fastest first."""

    problem: Problem
    empty_observation: dict
    solutions: list[MeasuredSolution]


def measure_suite(problems: Sequence[Problem], instruction: str = "time", workers: int = 2, repeats: int = 3,
                  feedback: str = "rich", progress: bool = True) -> list[ProblemData]:
    """Every problem's observations and solution costs, measured by the env (one shared sandbox)."""
    from tqdm import tqdm

    with Sandbox(measure="cpu", repeats=repeats, workers=workers) as sandbox:
        def measure(problem: Problem) -> ProblemData:
            env = CodeEfficiencyEnv(suite=[problem], instruction=instruction, feedback=feedback, sandbox=sandbox)
            empty, _ = env.reset(options={"problem_id": problem.id, "initial_code": "empty"})
            measured = []
            for solution in problem.solutions:
                observation, info = env.reset(options={"problem_id": problem.id, "initial_code": solution.code})
                measured.append(MeasuredSolution(solution, observation, info["costs"].get(instruction)))
            passing = sorted((m for m in measured if m.cost is not None), key=lambda m: m.cost)
            return ProblemData(problem, empty, passing)

        with ThreadPoolExecutor(workers) as pool:
            return list(tqdm(pool.map(measure, problems), total=len(problems), desc="measure references",
                             disable=not progress))


def prompt_of(observation: dict) -> str:
    """The user message the model reads for an env observation (as :class:`agents.iof.PolicyAgent` renders)."""
    return render_prompt(observation["problem"], observation["instruction"], observation["code"] or None,
                         observation["feedback"])


def describe(solution: Solution) -> str:
    """``label (complexity)``, or just the label when the complexity is unknown."""
    return f"{solution.label} ({solution.complexity})" if solution.complexity else solution.label


def thinking_text(current: Solution | None, target: Solution) -> str:
    """A short reasoning that names the change of approach and complexity."""
    if current is None:
        return f"A direct approach may be too slow on large inputs. Use {describe(target)}."
    return (f"The current code uses {describe(current)}. Switching to {describe(target)} does less work "
            "on large inputs and keeps the same results.")


def _improvement_prompts(data: ProblemData, min_speedup: float) -> list[tuple[dict, Solution | None]]:
    """(observation, current solution) for the problem alone and for each clearly slower solution."""
    fastest = data.solutions[0]
    slower = [m for m in data.solutions[1:] if m.cost > fastest.cost * min_speedup]
    return [(data.empty_observation, None), *((m.observation, m.solution) for m in slower)]


def sft_records(data: Sequence[ProblemData], min_speedup: float = 1.5) -> list[dict]:
    """``{prompt, completion, problem_id}``: each improvement prompt → the fastest reference solution."""
    records = []
    for problem_data in data:
        if not problem_data.solutions:
            continue
        fastest = problem_data.solutions[0].solution
        for observation, current in _improvement_prompts(problem_data, min_speedup):
            records.append({"prompt": prompt_of(observation), "problem_id": problem_data.problem.id,
                            "completion": format_response(thinking_text(current, fastest), fastest.code)})
    return records


def dpo_records(data: Sequence[ProblemData], min_speedup: float = 1.5, max_pairs_per_prompt: int = 2) -> list[dict]:
    """``{prompt, chosen, rejected, chosen_cost, rejected_cost, problem_id}``: on each improvement prompt,
    a faster reference (chosen) against a measurably slower one (rejected), the widest gaps first."""
    records = []
    for problem_data in data:
        if not problem_data.solutions:
            continue
        for observation, current in _improvement_prompts(problem_data, min_speedup):
            pairs = [(fast, slow) for fast, slow in itertools.combinations(problem_data.solutions, 2)
                     if slow.cost > fast.cost * min_speedup]
            pairs.sort(key=lambda pair: pair[0].cost / pair[1].cost)
            for fast, slow in pairs[:max_pairs_per_prompt]:
                records.append({
                    "prompt": prompt_of(observation), "problem_id": problem_data.problem.id,
                    "chosen": format_response(thinking_text(current, fast.solution), fast.solution.code),
                    "rejected": format_response(thinking_text(current, slow.solution), slow.solution.code),
                    "chosen_cost": fast.cost, "rejected_cost": slow.cost})
    return records


def grpo_records(data: Sequence[ProblemData], min_speedup: float = 1.5) -> list[dict]:
    """``{prompt, problem_id, code}``: the improvement prompts, with the current code for the reward."""
    return [{"prompt": prompt_of(observation), "problem_id": problem_data.problem.id,
             "code": observation["code"]}
            for problem_data in data if problem_data.solutions
            for observation, _ in _improvement_prompts(problem_data, min_speedup)]


def first_attempt_records(problems: Sequence[Problem], instruction: str = "time") -> list[dict]:
    """``{prompt, completion, problem_id}`` without running anything: each problem's first-attempt prompt
    (the env's observation before any code, as IOF's iteration 0 shows it; for the procedural suite that
    includes the slow starter code) → its fastest reference by its ``time_class`` label (not a
    measurement: held-out problems stay unmeasured). For measuring SFT on held-out prompts."""
    records = []
    with Sandbox(measure="cpu", repeats=1, workers=1) as sandbox:
        env = CodeEfficiencyEnv(suite=list(problems), instruction=instruction, sandbox=sandbox)
        for problem in problems:
            if not problem.solutions:
                continue
            observation, _ = env.reset(options={"problem_id": problem.id, "initial_code": "empty"})
            fastest = min(problem.solutions,
                          key=lambda s: s.time_class if s.time_class is not None else float("inf"))
            records.append({"prompt": prompt_of(observation), "problem_id": problem.id,
                            "completion": format_response(thinking_text(None, fastest), fastest.code)})
    return records


def round_robin(records: Sequence[dict]) -> list[dict]:
    """Records reordered to take one per problem in turn, so any prefix covers as many problems as it can."""
    by_problem: dict[str, list[dict]] = {}
    for record in records:
        by_problem.setdefault(record["problem_id"], []).append(record)
    rounds = itertools.zip_longest(*by_problem.values())
    return [record for round_ in rounds for record in round_ if record is not None]


def write_jsonl(records: Sequence[dict], path: str | os.PathLike) -> Path:
    """Write records one JSON object per line; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


class EnvReward:
    """A GRPO reward function (``reward_fn(prompts, completions, problem_id=..., code=...)``) that is the
    environment's own reward: each completion scored by ``burner_env.scoring.Scorer`` (as ``env.step`` scores
    it) as a refinement of the record's ``code`` (none: a first attempt), which is evaluated once per
    distinct code and only when the reward looks at it (``"afterburner"``, not ``"percentile"``).
    Completions are evaluated concurrently through one sandbox with ``workers`` zygotes; the scorer and the
    ``workers`` envs of :meth:`continue_episode` share one cache of reference costs.
    Thread-safe: the GRPO trainer calls it from several threads.
    """

    def __init__(self, suite: str | Sequence[Problem] = "builtin", instruction: str = "time",
                 reward: str = "percentile", workers: int = 2, repeats: int = 3, measure: str = "cpu",
                 backend: str = "local") -> None:
        problems = load_suite(suite) if isinstance(suite, str) else list(suite)
        self.reward = reward
        self.sandbox = Sandbox(measure=measure, repeats=repeats, workers=workers, backend=backend)
        self._envs: queue.Queue[CodeEfficiencyEnv] = queue.Queue(maxsize=workers)
        envs = [CodeEfficiencyEnv(suite=problems, instruction=instruction, reward=reward, max_iterations=1,
                                  sandbox=self.sandbox) for _ in range(workers)]
        for env in envs:
            env.share_references_with(envs[0])
            self._envs.put(env)
        self._problems = {problem.id: problem for problem in problems}
        self._scorer = Scorer(self.sandbox, envs[0].scorer.references, instruction, reward)
        self._lock = threading.Lock()
        self.evaluations = 0

    def warm_up(self, problem_ids: Sequence[str] | None = None) -> None:
        """Measure the reference solutions of these problems (default: all) now, so that no later call pays
        for it (benchmarks time the calls). The envs share one cache of reference costs."""
        env = self._envs.get()
        try:
            env.warm_up(list(problem_ids) if problem_ids is not None else None)
        finally:
            self._envs.put(env)

    def continue_episode(self, record: dict, completion: str) -> dict:
        """The GRPO record of the next refinement step after ``completion`` is played from ``record``'s state
        (its problem and current ``code``): the env's next observation (the code it kept and the feedback
        on it, and on the attempt when it was not kept), as :func:`prompt_of` renders it."""
        env = self._envs.get()
        try:
            env.reset(options={"problem_id": record["problem_id"], "initial_code": record.get("code") or "empty"})
            observation, _, _, _, _ = env.step(completion)
        finally:
            self._envs.put(env)
        return {**record, "prompt": prompt_of(observation), "code": observation["code"],
                "episode_step": record.get("episode_step", 0) + 1}

    def __call__(self, prompts: Sequence[str], completions: Sequence[str], problem_id: Sequence[str],
                 code: Sequence[str | None] | None = None, **columns: Any) -> list[float]:
        codes = code if code is not None else [None] * len(completions)
        scores = self._scorer.score_many([(self._problems[pid], completion, previous)
                                          for pid, completion, previous in zip(problem_id, completions, codes)])
        with self._lock:
            self.evaluations += len(scores)
        return [score.reward for score in scores]

    def close(self) -> None:
        self.sandbox.close()
