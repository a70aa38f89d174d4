"""The Iterative Optimization Framework (IOF) at test time: generate → evaluate → keep the better → feed back.

Every problem is one episode of :class:`burner_env.env.CodeEfficiencyEnv`. Iteration 0 is the agent's
first attempt, from the problem alone (``initial_code="empty"``) or from a reference solution
(``initial_code="reference"``, as the paper starts from human code); iterations 1…N refine the best code
so far, with the environment's feedback on it. The environment alone decides what is kept
(``info["accepted"]``; its rule, in docs/REWARDS.md, keeps a gain only when it is beyond the measurement
noise, and never the same code again).

After each iteration we score the **best code the agent has written** for every problem so far (what an IOF
run would return if it stopped there), like the paper's per-iteration curves: the code the env keeps, once
it has kept one of the agent's attempts, scored on the env's fresh reading of it (``info["current"]``: a
reading no decision used, so the curve cannot rise on the noise that won a decision); before that, the
agent's latest attempt on its own reading, and once one passes, the first that passed (chosen on
correctness alone, never on a cost reading). With ``initial_code="empty"`` that is exactly the code the env
keeps; with ``"reference"`` the human code the episode starts from is left out, so pass@1 and Beyond
measure what the model wrote (as the paper reports them), not the reference it was given.

- pass@1: share of problems whose best code passes (one sample per problem, so pass@1 is that share);
- Beyond-T/M/I: mean over problems of (passes ? percentile rank of its time/memory/integral cost : 0);
- B/M/W/F: shares of problems whose best code is better than every reference, within, worse, failed;

each with a percentile-bootstrap 95 % interval over problems (:mod:`burner_env.metrics`). The same
figures for the iteration's raw attempts (before acceptance) are kept under ``attempt_*``.

The agent is any callable ``agent(observations: list[dict]) -> list[str]``, one response per observation
(the env's observation dicts); :class:`PolicyAgent` wraps an :class:`agents.lm.Policy`, and
:class:`SameCodeAgent` never changes its code (the null agent: its curve must stay flat). This module
imports torch only when a :class:`PolicyAgent` is used.

    from agents.iof import PolicyAgent, run
    report = run(PolicyAgent(policy), {"suite": "builtin"}, problems=["two_sum"], iterations=2)
"""

from __future__ import annotations

import ast
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from burner_env.env import RANK_CATEGORIES, CodeEfficiencyEnv
from burner_env.metrics import bootstrap_ci, rank_categories
from burner_env.prompts import SYSTEM_PROMPT, observation_prompt
from burner_env.sandbox import METRICS, VERDICTS, Sandbox

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from agents.lm import Policy

Agent = Callable[[list[dict]], list[str]]
"""``agent(observations) -> responses``: one response text per observation."""

BEYOND_NAMES = {"time": "beyond_t", "memory": "beyond_m", "integral": "beyond_i"}
"""Report key of each metric's Beyond score."""

TABLE_HEADER = f"{'iter':>4} {'pass@1':>17} {'Beyond-T':>17} {'Beyond-M':>17} {'Beyond-I':>17}   B/M/W/F %"
"""Header of :meth:`Report.table` (rows: :func:`format_row`)."""


class PolicyAgent:
    """An IOF agent over a language model: renders each observation as the Afterburner prompt and samples
    one response per observation, ``batch_size`` prompts per ``generate`` call.

    ``temperature=0`` decodes greedily (the default: IOF evaluation should not depend on sampling luck).
    """

    def __init__(self, policy: Policy, temperature: float = 0.0, max_new_tokens: int = 256, batch_size: int = 8,
                 max_prompt_tokens: int | None = 1536, top_p: float = 1.0,
                 on_progress: Callable[[str], None] | None = None) -> None:
        self.policy = policy
        self.on_progress = on_progress
        """called while generating with where it stands ("problems 9-16 of 50, token 37/256"), for a
        progress bar: a batch on a CPU takes minutes"""
        self.temperature = temperature
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self.max_prompt_tokens = max_prompt_tokens
        self.top_p = top_p
        self.generated_tokens = 0
        """Completion tokens generated so far (for throughput reports)."""

    def __call__(self, observations: list[dict]) -> list[str]:
        messages = [observation_prompt(observation) for observation in observations]
        prompts = self.policy.prompt_texts(messages, system_prompt=SYSTEM_PROMPT)
        responses: list[str] = []
        for start in range(0, len(prompts), self.batch_size):
            batch = prompts[start : start + self.batch_size]
            where = f"problems {start + 1}-{start + len(batch)} of {len(prompts)}"
            on_step = self.on_progress and (lambda tokens, where=where: self.on_progress(
                f"{where}, token {tokens}/{self.max_new_tokens}"))
            generation = self.policy.generate(
                batch, max_new_tokens=self.max_new_tokens, temperature=self.temperature or 1.0, top_p=self.top_p,
                greedy=self.temperature == 0, max_prompt_tokens=self.max_prompt_tokens, on_step=on_step)
            self.generated_tokens += generation.num_completion_tokens
            responses.extend(generation.texts)
        return responses


SAME_CODE_VARIANTS = ("identical", "reformatted", "renamed")
"""What :class:`SameCodeAgent` resubmits: the code as it is, with a comment and blank lines added, or with
the variables of its functions renamed (the same program, a different syntax tree)."""


class SameCodeAgent:
    """The null agent of the acceptance rule: it never changes what its code does. Each response is the
    observation's current code — or, while there is none, ``first_code(observation)`` (e.g. a reference
    solution) — as ``variant`` says, in the response format. An IOF curve that rises for it measures the
    measurement's noise, not optimisation.
    """

    def __init__(self, first_code: Callable[[dict], str], variant: str = "identical") -> None:
        if variant not in SAME_CODE_VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(SAME_CODE_VARIANTS)}; got {variant!r}")
        self.first_code = first_code
        self.variant = variant

    def __call__(self, observations: list[dict]) -> list[str]:
        return [self.respond(observation) for observation in observations]

    def respond(self, observation: dict) -> str:
        code = observation["code"] or self.first_code(observation)
        if self.variant == "reformatted":
            code = f"# resubmitted unchanged (iteration {observation['iteration']})\n\n{code}\n\n"
        elif self.variant == "renamed":
            code = rename_locals(code, f"_{observation['iteration']}")
        return f"<thinking>No change.</thinking>\n<solution>\n```python\n{code}\n```\n</solution>"


class IndependentSamples:
    """Best-of-N as an IOF agent: every iteration, ``agent`` answers each episode's *first* observation
    again, so the feedback is never read and each iteration adds one independent sample per problem. The env
    keeps a sample only when it is better than the code it kept before (its acceptance rule), so after
    iteration N-1 the run's best code is the best of N samples by the env's own verdict and costs: the
    baseline that spends IOF's generation budget without its feedback. ``agent`` should sample
    (temperature > 0), or all N answers are the same.
    """

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self.first_observations: list[dict] | None = None

    def __call__(self, observations: list[dict]) -> list[str]:
        if self.first_observations is None:
            self.first_observations = list(observations)
        return self.agent(self.first_observations)


def rename_locals(code: str, suffix: str) -> str:
    """``code`` with every variable assigned inside its functions renamed to ``name + suffix``: the same
    program (same bytecode but for names) with a different syntax tree. Parameters, names declared global
    or nonlocal, and names also assigned at module or class level keep theirs, so calls by keyword,
    the harness's entry point and class attributes still work."""
    tree = ast.parse(code)
    stores = _Stores()
    stores.visit(tree)
    renamed = stores.inside - stores.outside - stores.fixed

    class Rename(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.Name:
            return ast.copy_location(ast.Name(node.id + suffix, node.ctx), node) if node.id in renamed else node

    return ast.unparse(Rename().visit(tree))


class _Stores(ast.NodeVisitor):
    """Names assigned inside functions, names assigned elsewhere, and names that must keep their name."""

    def __init__(self) -> None:
        self.inside: set[str] = set()
        self.outside: set[str] = set()
        self.fixed: set[str] = set()
        self._depth = 0

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Store):
            (self.inside if self._depth else self.outside).add(node.id)

    def visit_arg(self, node: ast.arg) -> None:
        self.fixed.add(node.arg)

    def visit_Global(self, node: ast.Global | ast.Nonlocal) -> None:
        self.fixed.update(node.names)

    visit_Nonlocal = visit_Global


@dataclass
class Estimate:
    """A mean over problems and its bootstrap confidence interval."""

    value: float
    low: float
    high: float


@dataclass
class IterationStats:
    """What IOF achieved after one iteration, over all problems (see the module docstring)."""

    iteration: int
    pass_at_1: Estimate
    beyond_t: Estimate
    beyond_m: Estimate
    beyond_i: Estimate
    shares: dict[str, float]
    """B/M/W/F shares of the best code: better_than_all, within, worse_than_all, failed"""
    attempt_pass_at_1: float
    """share of this iteration's raw attempts that passed"""
    accepted: float
    """share of this iteration's attempts the env kept (``info["accepted"]``: a real improvement)"""
    seconds: float
    """wall time of the iteration (generation + evaluation)"""
    verdicts: dict[str, int] = field(default_factory=dict)
    """how many of this iteration's attempts got each verdict (only verdicts that occurred, in
    ``VERDICTS`` order)"""


@dataclass
class Report:
    """An IOF run: per-iteration statistics, settings and where the attempt log went."""

    iterations: list[IterationStats]
    problems: list[str]
    instruction: str
    initial_code: str
    attempts_path: str | None
    seconds: float
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The report :meth:`to_dict` wrote (e.g. read back from a run's ``iof-*.json``)."""
        estimates = [name for name, kind in IterationStats.__annotations__.items() if kind == "Estimate"]
        iterations = [IterationStats(**{**stats, **{name: Estimate(**stats[name]) for name in estimates}})
                      for stats in data["iterations"]]
        return cls(**{**data, "iterations": iterations})

    def table(self) -> str:
        """A plain-text table: pass@1 and Beyond-T/M/I (with 95 % intervals) per iteration."""
        return "\n".join([TABLE_HEADER, *(format_row(stats) for stats in self.iterations)])


def format_row(stats: IterationStats) -> str:
    """One line of :meth:`Report.table`."""
    def cell(estimate: Estimate) -> str:
        return f"{estimate.value:5.3f} [{estimate.low:.2f},{estimate.high:.2f}]"

    shares = "/".join(f"{100 * stats.shares[name]:.0f}" for name in RANK_CATEGORIES)
    return (f"{stats.iteration:>4} {cell(stats.pass_at_1):>17} {cell(stats.beyond_t):>17} "
            f"{cell(stats.beyond_m):>17} {cell(stats.beyond_i):>17}   {shares}")


def best_after(best: dict | None, info: dict) -> dict:
    """The figures (``verdict``, ``costs``, ``percentiles``) of the agent's best code after a step with this
    ``info``: the module docstring says which code and which reading."""
    if info["accepted"]:
        return info["current"]
    if best is None or best["verdict"] != "accepted":
        return info
    return best


def summarize(iteration: int, best: Sequence[dict], attempts: Sequence[dict], instruction: str,
              seconds: float = 0.0, seed: int = 0) -> IterationStats:
    """Statistics of one iteration from the figures of each problem's best code so far (``verdict``,
    ``percentiles``: see :func:`best_after`) and the env ``info`` of each problem's attempt in this
    iteration (``verdict``, ``accepted``)."""
    passed = [1.0 if info["verdict"] == "accepted" else 0.0 for info in best]
    per_metric = {
        metric: [info["percentiles"].get(metric, 0.0) for info in best] for metric in METRICS
    }
    ranks = [info["percentiles"].get(instruction) if info["verdict"] == "accepted" else None for info in best]
    shares = rank_categories(ranks)
    return IterationStats(
        iteration=iteration,
        pass_at_1=mean_with_interval(passed, seed),
        **{BEYOND_NAMES[metric]: mean_with_interval(per_metric[metric], seed) for metric in METRICS},
        shares=dict(zip(RANK_CATEGORIES, shares)),
        attempt_pass_at_1=sum(info["verdict"] == "accepted" for info in attempts) / len(attempts),
        accepted=sum(bool(info["accepted"]) for info in attempts) / len(attempts),
        seconds=seconds,
        verdicts=verdict_counts(info["verdict"] for info in attempts),
    )


def attempt_rewards(attempts_path: str | os.PathLike) -> list[dict[str, float]]:
    """The env's reward of every attempt in a run's attempt log (``run(..., attempts_path=...)``), as
    ``[{problem: reward} for each iteration]``: the per-problem figures that paired comparisons need."""
    rewards: list[dict[str, float]] = []
    with open(attempts_path, encoding="utf-8") as log:
        for number, line in enumerate(log, 1):
            try:
                record = json.loads(line)
                iteration, problem, reward = record["iteration"], record["problem"], float(record["reward"])
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{attempts_path}, line {number}: not an IOF attempt record ({error})") from None
            rewards.extend({} for _ in range(iteration + 1 - len(rewards)))
            rewards[iteration][problem] = reward
    return rewards


def mean_with_interval(values: Sequence[float], seed: int = 0) -> Estimate:
    """The mean of ``values`` (e.g. one figure per problem) and its 95 % percentile-bootstrap interval."""
    low, high = bootstrap_ci(values, seed=seed)
    return Estimate(sum(values) / len(values), low, high)


def paired_difference(first: dict[str, float], second: dict[str, float], seed: int = 0) -> Estimate:
    """Mean over problems of ``first[p] - second[p]`` with its 95 % bootstrap interval: two agents compared
    on the same problems, so that the problems' own spread cancels. Both must cover the same problems."""
    if first.keys() != second.keys():
        raise ValueError(f"the two runs cover different problems: {sorted(first.keys() ^ second.keys())[:5]}")
    return mean_with_interval([first[problem] - second[problem] for problem in sorted(first)], seed)


def verdict_counts(verdicts: Iterable[str]) -> dict[str, int]:
    """How many times each verdict occurs, in ``VERDICTS`` order (a verdict that never occurs is left out)."""
    counts = Counter(verdicts)
    return {verdict: counts[verdict] for verdict in (*VERDICTS, *sorted(set(counts) - set(VERDICTS)))
            if counts[verdict]}


def run(
    agent: Agent,
    env_or_env_kwargs: dict[str, Any] | CodeEfficiencyEnv,
    problems: Sequence[str] | None = None,
    iterations: int = 4,
    initial_code: str = "empty",
    workers: int = 2,
    attempts_path: str | os.PathLike | None = None,
    on_iteration: Callable[[IterationStats], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    seed: int = 0,
) -> Report:
    """Run IOF for ``iterations`` refinement steps after the first attempt (so iterations 0…N).

    Args:
        agent: ``agent(observations) -> responses``, called once per iteration with every problem's
            observation (batched).
        env_or_env_kwargs: keyword arguments of :class:`CodeEfficiencyEnv` (``suite``, ``instruction``,
            ``measure``, ``feedback``, ``reward``…), or an env whose problems and settings to copy (the
            env itself is not stepped; IOF runs one episode per problem on a sandbox of its own).
        problems: problem ids (default: every problem of the suite).
        initial_code: ``"empty"`` or ``"reference"`` (a seeded reference solution per problem).
        workers: candidates evaluated at once (one shared sandbox with this many zygotes).
        attempts_path: JSON-lines file receiving every attempt (problem, iteration, response, verdict,
            costs, percentiles, reward, accepted, and the acceptance rule's reason).
        on_iteration: called with each iteration's statistics as soon as they are known.
        on_phase: called with ``"generate"``/``"evaluate"`` as each phase of an iteration starts.
        seed: seed of the reference draw and of the bootstrap.
    """
    kwargs = _env_kwargs(env_or_env_kwargs)
    sandbox = Sandbox(limits=kwargs.pop("limits", None), measure=kwargs.pop("measure", "cpu"),
                      repeats=kwargs.pop("repeats", 3), workers=workers, backend=kwargs.pop("backend", "local"))
    kwargs.update(max_iterations=iterations + 1, initial_code=initial_code, sandbox=sandbox)
    started = time.perf_counter()
    envs: list[CodeEfficiencyEnv] = []
    log = open(attempts_path, "w", encoding="utf-8") if attempts_path else None  # noqa: SIM115 (closed below)
    try:
        template = CodeEfficiencyEnv(**kwargs)
        problem_ids = list(problems) if problems is not None else [p.id for p in template.problems]
        envs = [template] + [CodeEfficiencyEnv(**kwargs) for _ in problem_ids[1:]]
        with ThreadPoolExecutor(max(1, workers)) as pool:
            resets = list(pool.map(
                lambda pair: pair[1].reset(seed=seed + pair[0], options={"problem_id": problem_ids[pair[0]]}),
                enumerate(envs)))
            observations = [observation for observation, _ in resets]
            best: list[dict | None] = [None] * len(envs)
            history: list[IterationStats] = []
            for iteration in range(iterations + 1):
                iteration_start = time.perf_counter()
                if on_phase:
                    on_phase("generate")
                responses = agent(observations)
                if len(responses) != len(envs):
                    raise ValueError(f"the agent returned {len(responses)} responses for {len(envs)} observations")
                if on_phase:
                    on_phase("evaluate")
                steps = list(pool.map(lambda pair: pair[0].step(pair[1]), zip(envs, responses)))
                attempts = []
                for index, (observation, reward, _, _, info) in enumerate(steps):
                    observations[index] = observation
                    attempts.append(info)
                    best[index] = best_after(best[index], info)
                    if log:
                        log.write(json.dumps({
                            "problem": problem_ids[index], "iteration": iteration, "response": responses[index],
                            "verdict": info["verdict"], "costs": info["costs"], "percentiles": info["percentiles"],
                            "reward": reward, "accepted": info["accepted"],
                            "acceptance": info["acceptance"]["reason"]}) + "\n")
                if log:
                    log.flush()
                stats = summarize(iteration, best, attempts, template.instruction,
                                  time.perf_counter() - iteration_start, seed)
                history.append(stats)
                if on_iteration:
                    on_iteration(stats)
    finally:
        if log:
            log.close()
        for env in envs:
            env.close()
        sandbox.close()
    settings = {key: value for key, value in kwargs.items() if key != "sandbox" and _is_plain(value)}
    settings.update(measure=sandbox.measure, repeats=sandbox.repeats)
    return Report(history, problem_ids, template.instruction, initial_code,
                  str(attempts_path) if attempts_path else None, time.perf_counter() - started, settings)


def _env_kwargs(env_or_env_kwargs: dict[str, Any] | CodeEfficiencyEnv) -> dict[str, Any]:
    """Env keyword arguments; from an env, the ones that shape its episodes (problems and settings)."""
    if isinstance(env_or_env_kwargs, CodeEfficiencyEnv):
        env = env_or_env_kwargs
        return {"suite": list(env.problems), "instruction": env.instruction, "reward": env.scorer.reward_fn,
                "feedback": env.feedback_style, "measure": env.sandbox.measure, "repeats": env.sandbox.repeats,
                "limits": env.sandbox.limits}
    kwargs = dict(env_or_env_kwargs)
    for ignored in ("max_iterations", "initial_code", "sandbox", "render_mode"):
        kwargs.pop(ignored, None)  # IOF sets these itself
    return kwargs


def _is_plain(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None)))


VERDICT_COLOURS = {
    "accepted": "tab:green", "wrong_answer": "tab:red", "runtime_error": "tab:orange", "time_limit": "tab:purple",
    "memory_limit": "tab:brown", "output_limit": "tab:pink", "sandbox_violation": "black",
    "format_error": "tab:gray", "internal_error": "tab:olive",
}
"""Colour of each verdict in the plot's verdict breakdown."""


def plot(reports: dict[str, Report], path: str | os.PathLike, title: str = "IOF") -> Figure:
    """pass@1 and Beyond-T/M/I over iterations, one line per named report, with 95 % interval bars; below
    them, the verdicts of each iteration's attempts (``IterationStats.verdicts``), a stacked bar per report.

    Returns the figure, already saved to ``path`` and closed (its axes and artists can still be read)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("pass_at_1", "pass@1"), ("beyond_t", "Beyond-T"), ("beyond_m", "Beyond-M"), ("beyond_i", "Beyond-I")]
    figure = plt.figure(figsize=(4 * len(panels), 6.8))
    grid = figure.add_gridspec(2, len(panels))
    axes = [figure.add_subplot(grid[0, 0])]
    axes += [figure.add_subplot(grid[0, column], sharey=axes[0]) for column in range(1, len(panels))]
    breakdown = figure.add_subplot(grid[1, :])
    width = 0.8 / len(reports)
    for offset, (name, report) in enumerate(reports.items()):
        # A small horizontal offset per model keeps overlapping interval bars readable.
        shift = 0.06 * (offset - (len(reports) - 1) / 2)
        for axis, (key, label) in zip(axes, panels):
            estimates = [getattr(stats, key) for stats in report.iterations]
            xs = [stats.iteration + shift for stats in report.iterations]
            values = [e.value for e in estimates]
            errors = [[e.value - e.low for e in estimates], [e.high - e.value for e in estimates]]
            axis.errorbar(xs, values, yerr=errors, marker="o", capsize=3, label=name)
            axis.set_title(label)
            axis.set_xlabel("IOF iteration")
            axis.set_xticks([stats.iteration for stats in report.iterations])
        _verdict_bars(breakdown, report, width * (offset - (len(reports) - 1) / 2), width,
                      name if len(reports) > 1 else None)
    axes[0].set_ylim(-0.02, 1.02)
    axes[0].legend(fontsize="small")
    breakdown.set_title("verdicts of the iteration's attempts")
    breakdown.set_ylim(0, 1.15 * max(sum(stats.verdicts.values()) for report in reports.values()
                                     for stats in report.iterations) or 1)
    breakdown.set_xlabel("IOF iteration")
    breakdown.set_ylabel("attempts")
    iterations = sorted({stats.iteration for report in reports.values() for stats in report.iterations})
    breakdown.set_xticks(iterations)
    breakdown.yaxis.get_major_locator().set_params(integer=True)
    handles, labels = breakdown.get_legend_handles_labels()
    handle_of = dict(zip(labels, handles))  # one legend entry per verdict, however many reports have it
    shown = list(verdict_counts(handle_of))
    breakdown.legend([handle_of[verdict] for verdict in shown], shown, fontsize="small", loc="upper left",
                     bbox_to_anchor=(1.0, 1.0))
    figure.suptitle(title)
    figure.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return figure


def _verdict_bars(axis: Axes, report: Report, shift: float, width: float, name: str | None) -> None:
    """One stacked bar per iteration of ``report``: its attempts' verdict counts, in ``VERDICTS`` order,
    with ``name`` on top when there is one (several reports side by side)."""
    xs = [stats.iteration + shift for stats in report.iterations]
    bottoms = [0] * len(xs)
    occurring = verdict_counts(verdict for stats in report.iterations for verdict in stats.verdicts)
    for verdict in occurring:
        counts = [stats.verdicts.get(verdict, 0) for stats in report.iterations]
        axis.bar(xs, counts, 0.9 * width, bottom=bottoms, color=VERDICT_COLOURS.get(verdict), label=verdict,
                 edgecolor="white", linewidth=0.5)
        bottoms = [bottom + count for bottom, count in zip(bottoms, counts)]
    for x, top in zip(xs, bottoms) if name else ():
        axis.text(x, top, name, ha="center", va="bottom", fontsize="small")
