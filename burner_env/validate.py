"""Validate a suite: its reference solutions pass, its cost classes are ordered, its tests are stable.

Three checks per problem, all through the real :class:`~burner_env.sandbox.Sandbox`:

``correctness``
    Every reference solution passes every test (correctness and efficiency tests).
``class-order`` and ``class-ratio``
    On the efficiency tests, every solution labelled ``time_class`` *k + 1* costs more than every
    solution of the next faster labelled class *k*; and the median cost of the slowest class is at
    least ``min_class_ratio`` times the median of the fastest. A violation seen in ``cpu`` mode is
    measured once more before it is reported (the lower reading of each involved solution is
    kept: noise only ever adds CPU time), so a single noisy burst does not fail a suite.
``integral-order``
    The slowest labelled class's median memory-time integral is larger than the fastest class's:
    the integral grows with run time for every program (a floor of memory held throughout, see
    ``burner_env.sandbox.results.INTEGRAL_FLOOR_MIB``), so a class that is slower by the
    ``class-ratio`` must not integrate less.
``determinism``
    The efficiency generator (and the oracle answering its inputs) gives the same tests twice:
    once in the sandbox that measured the solutions, once in an independent one (another zygote,
    so another process, address layout and ``random`` state).

Problems whose solutions carry no ``time_class`` at all are reported as *unlabelled* (their order
is not checked, and the summary counts them); a problem with only some solutions labelled fails.

>>> report = validate("builtin", workers=2)       # doctest: +SKIP
>>> print(report.table()); report.ok               # doctest: +SKIP
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from burner_env.problems.model import Problem, Solution
from burner_env.problems.suite import load_suite
from burner_env.sandbox import Evaluation, Sandbox, SandboxInternalError

__all__ = ["CHECKS", "Finding", "ProblemReport", "ValidationReport", "validate", "validate_problems"]

CHECKS = ("suite", "correctness", "class-order", "class-ratio", "integral-order", "determinism")
DEFAULT_MIN_CLASS_RATIO = 5.0


@dataclass(frozen=True)
class Finding:
    """One failed check: which problem, which solution (if one), which check and why."""

    problem_id: str
    check: str
    message: str
    solution: str | None = None

    def __str__(self) -> str:
        who = f"problem {self.problem_id!r}" + (f", solution {self.solution!r}" if self.solution else "")
        return f"{who}: {self.check}: {self.message}"


@dataclass
class ProblemReport:
    """The checks of one problem.

    ``class_costs`` maps each labelled time class to the time costs of its passed solutions (in
    the mode's unit); ``ratio`` is the slowest class's median over the fastest class's median
    (``None`` when fewer than two classes are labelled); ``deterministic`` is ``None`` when the
    problem has no efficiency generator or its first generation already failed.
    """

    problem_id: str
    references: int
    passed: int = 0
    class_costs: dict[int, list[float]] = field(default_factory=dict)
    ratio: float | None = None
    labelled: bool = True
    deterministic: bool | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: one :class:`ProblemReport` per problem, in suite order."""

    problems: list[ProblemReport]
    measure: str
    repeats: int
    workers: int
    min_class_ratio: float
    wall_s: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.problems for finding in report.findings]

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        """One paragraph: counts, ratio range and wall time."""
        ratios = [r.ratio for r in self.problems if r.ratio is not None]
        ordered = sum(1 for r in self.problems
                      if r.labelled and r.ratio is not None
                      and not any(f.check == "class-order" for f in r.findings))
        labelled = sum(1 for r in self.problems if r.labelled and r.ratio is not None)
        unlabelled = sum(1 for r in self.problems if not r.labelled)
        failed = sum(1 for r in self.problems if not r.ok)
        lines = [
            f"{len(self.problems)} problems, {sum(r.references for r in self.problems)} reference solutions "
            f"({sum(r.passed for r in self.problems)} passed), {len(self.findings)} findings in "
            f"{failed} problems; measure={self.measure}, repeats={self.repeats}, workers={self.workers}, "
            f"{self.wall_s:.1f} s",
            f"class order correct in {ordered}/{labelled} labelled problems"
            + (f"; {unlabelled} unlabelled (order not checked)" if unlabelled else ""),
        ]
        if ratios:
            lines.append(f"slowest/fastest class median ratio: min {min(ratios):.1f}×, median "
                         f"{statistics.median(ratios):.1f}×, max {max(ratios):.1f}× "
                         f"(target ≥ {self.min_class_ratio:g}×)")
        return "\n".join(lines)

    def table(self) -> str:
        """A per-problem table, then every finding on its own line, then the summary."""
        unit = "Minstr" if self.measure == "instructions" else "ms"
        header = (f"{'problem':<36} {'refs':>4} {'pass':>4}  {'classes':<9} {'fastest ' + unit:>13} "
                  f"{'slowest ' + unit:>13} {'ratio':>8}  {'order':<9} {'determ.':<8} status")
        rows = [header, "-" * len(header)]
        for report in self.problems:
            rows.append(_table_row(report, self.measure))
        if self.findings:
            rows += ["", "findings:"] + [f"  FAIL {finding}" for finding in self.findings]
        rows += ["", self.summary()]
        return "\n".join(rows)


def _table_row(report: ProblemReport, measure: str) -> str:
    scale = 1e-6 if measure == "instructions" else 1.0
    classes = sorted(report.class_costs)
    fastest = slowest = ratio = "–"
    if classes and report.class_costs[classes[0]] and report.class_costs[classes[-1]]:
        fastest = f"{statistics.median(report.class_costs[classes[0]]) * scale:.1f}"
        slowest = f"{statistics.median(report.class_costs[classes[-1]]) * scale:.1f}"
    if report.ratio is not None:
        ratio = "∞" if report.ratio == float("inf") else f"{report.ratio:.1f}×"
    checks = {finding.check for finding in report.findings}
    if not report.labelled:
        order = "unlabelled"
    elif report.ratio is None:
        order = "–"
    else:
        order = "WRONG" if "class-order" in checks else "ok"
    determinism = {None: "–", True: "ok", False: "NO"}[report.deterministic]
    status = "ok" if report.ok else "FAIL " + ",".join(sorted(checks))
    return (f"{report.problem_id[:36]:<36} {report.references:>4} {report.passed:>4}  "
            f"{len(classes) or '–'!s:<9} {fastest:>13} {slowest:>13} {ratio:>8}  {order:<9} "
            f"{determinism:<8} {status}")


# --- the checks -----------------------------------------------------------------------------------


def validate(suite: str | os.PathLike | Sequence[Problem] = "builtin", *,
             problem_ids: Sequence[str] | None = None, **options) -> ValidationReport:
    """Validate a suite given by name, path or as problems; ``problem_ids`` keeps only those.

    Keyword options are those of :func:`validate_problems`.

    Raises:
        KeyError: an id in ``problem_ids`` is not in the suite (a typo must not pass silently).
    """
    problems = load_suite(suite) if isinstance(suite, (str, os.PathLike)) else list(suite)
    if problem_ids is not None:
        by_id = {p.id: p for p in problems}
        unknown = [pid for pid in problem_ids if pid not in by_id]
        if unknown:
            raise KeyError(f"not in the suite: {', '.join(unknown)}")
        problems = [by_id[pid] for pid in problem_ids]
    return validate_problems(problems, **options)


def validate_problems(problems: Sequence[Problem], *, measure: str = "cpu", repeats: int = 3,
                      workers: int = 1, min_class_ratio: float = DEFAULT_MIN_CLASS_RATIO,
                      progress: bool = True) -> ValidationReport:
    """Run every check on every problem (see the module docstring) and report all that fail.

    Args:
        problems: the problems to validate.
        measure: ``"cpu"`` (fast, the default) or ``"instructions"`` (exact, ~65× slower).
        repeats: runs of each efficiency test per solution in ``cpu`` mode (median kept).
        workers: evaluations at once; each has its own sandbox zygote.
        min_class_ratio: the slowest class's median cost must be at least this many times the
            fastest class's; 0 turns the check off.
        progress: show a progress bar on stderr.
    """
    from tqdm import tqdm

    if measure not in ("cpu", "instructions"):
        raise ValueError(f"measure must be 'cpu' or 'instructions'; got {measure!r}")
    started = time.perf_counter()
    reports = {p.id: ProblemReport(p.id, len(p.solutions)) for p in problems}
    evaluations: dict[str, dict[str, Evaluation]] = {p.id: {} for p in problems}
    remaining = {p.id: len(p.solutions) for p in problems}
    for problem in problems:
        _check_suite_shape(problem, reports[problem.id])
    pairs = [(problem, solution) for problem in problems for solution in problem.solutions]

    with Sandbox(measure=measure, repeats=repeats, workers=workers) as sandbox, \
            Sandbox(measure="none") as witness, ThreadPoolExecutor(workers) as pool, \
            tqdm(total=len(pairs), desc="validating", unit="solution", disable=not progress,
                 file=sys.stderr) as bar:
        futures: dict[Future, tuple[Problem, Solution]] = {
            pool.submit(sandbox.evaluate, problem, solution.code): (problem, solution)
            for problem, solution in pairs}
        while futures:
            finished, _ = wait(futures, return_when=FIRST_COMPLETED)
            for future in finished:
                problem, solution = futures.pop(future)
                evaluations[problem.id][solution.label] = future.result()
                remaining[problem.id] -= 1
                bar.update()
                if remaining[problem.id] == 0:
                    # The last solution of this problem is in: check it while the others run.
                    report = reports[problem.id]
                    _check_problem(problem, evaluations[problem.id], report, sandbox, witness,
                                   min_class_ratio)
                    bar.set_postfix_str(f"{sum(not r.ok for r in reports.values())} failing", refresh=False)
    return ValidationReport([reports[p.id] for p in problems], measure, sandbox.repeats, workers,
                            min_class_ratio, time.perf_counter() - started)


def _check_suite_shape(problem: Problem, report: ProblemReport) -> None:
    """Findings that need no run: no references, or time classes on only some of them."""
    if not problem.solutions:
        report.findings.append(Finding(problem.id, "suite", "has no reference solutions to validate"))
        report.labelled = False
        return
    unlabelled = [s.label for s in problem.solutions if s.time_class is None]
    if len(unlabelled) == len(problem.solutions):
        report.labelled = False
    elif unlabelled:
        for label in unlabelled:
            report.findings.append(Finding(problem.id, "suite", "has no time_class while other "
                                           "solutions of the problem do", label))


def _check_problem(problem: Problem, evaluations: dict[str, Evaluation], report: ProblemReport,
                   sandbox: Sandbox, witness: Sandbox, min_class_ratio: float) -> None:
    costs: dict[str, float] = {}
    for solution in problem.solutions:
        evaluation = evaluations[solution.label]
        if evaluation.passed:
            costs[solution.label] = evaluation.cost.metric("time")
        else:
            report.findings.append(Finding(problem.id, "correctness", _failure_text(evaluation),
                                           solution.label))
    report.passed = len(costs)
    if report.labelled:
        _check_class_order(problem, costs, report, sandbox, min_class_ratio)
        _check_integral_order(problem, evaluations, report)
    if problem.efficiency is not None:
        _check_determinism(problem, report, sandbox, witness)


def _failure_text(evaluation: Evaluation) -> str:
    failure = evaluation.first_failure
    where = f" on {failure.kind} test {failure.index}" if failure is not None else ""
    message = (failure.message if failure is not None and failure.message else evaluation.message).strip()
    lines = message.splitlines()
    return f"{evaluation.verdict}{where}" + (f": {lines[-1][:300]}" if lines else "")


def _class_costs(problem: Problem, costs: dict[str, float]) -> dict[int, list[tuple[float, str]]]:
    classes: dict[int, list[tuple[float, str]]] = {}
    for solution in problem.solutions:
        if solution.time_class is not None and solution.label in costs:
            classes.setdefault(solution.time_class, []).append((costs[solution.label], solution.label))
    return classes


def _order_violations(classes: dict[int, list[tuple[float, str]]]) -> list[tuple[int, int]]:
    """Adjacent labelled classes (k, next) where some solution of ``next`` is not costlier than
    some solution of ``k``."""
    ordered = sorted(classes)
    return [(faster, slower) for faster, slower in zip(ordered, ordered[1:])
            if max(cost for cost, _ in classes[faster]) >= min(cost for cost, _ in classes[slower])]


def _check_class_order(problem: Problem, costs: dict[str, float], report: ProblemReport,
                       sandbox: Sandbox, min_class_ratio: float) -> None:
    classes = _class_costs(problem, costs)
    violations = _order_violations(classes)
    if violations and sandbox.measure == "cpu":
        # Confirm before failing: measure the involved classes again and keep each solution's lower
        # reading, since interference from other processes only ever adds CPU time.
        involved = {label for pair in violations for k in pair for _, label in classes[k]}
        for label in sorted(involved):
            again = sandbox.evaluate(problem, problem.solution(label).code)
            if again.passed:
                costs[label] = min(costs[label], again.cost.metric("time"))
        classes = _class_costs(problem, costs)
        violations = _order_violations(classes)
    unit = "instructions" if sandbox.measure == "instructions" else "ms"
    for faster, slower in violations:
        worst_fast = max(classes[faster])
        best_slow = min(classes[slower])
        overlapping = sum(1 for fast, _ in classes[faster] for slow, _ in classes[slower] if fast >= slow)
        report.findings.append(Finding(
            problem.id, "class-order",
            f"labelled time_class {slower} but costs {best_slow[0]:.4g} {unit}, not more than "
            f"{worst_fast[1]!r} of time_class {faster} ({worst_fast[0]:.4g} {unit}); "
            f"{overlapping} overlapping pair(s) between classes {faster} and {slower}",
            best_slow[1]))
    report.class_costs = {k: [cost for cost, _ in entries] for k, entries in sorted(classes.items())}
    if len(classes) < 2:
        return
    fastest = statistics.median(report.class_costs[min(classes)])
    slowest = statistics.median(report.class_costs[max(classes)])
    report.ratio = slowest / fastest if fastest > 0 else float("inf")
    if report.ratio < min_class_ratio:
        report.findings.append(Finding(
            problem.id, "class-ratio",
            f"the slowest class ({max(classes)}) has a median cost only {report.ratio:.2f}× the fastest "
            f"class's ({min(classes)}); the target is ≥ {min_class_ratio:g}× (make the efficiency "
            "tests larger or the classes further apart)"))


def _check_integral_order(problem: Problem, evaluations: dict[str, Evaluation], report: ProblemReport) -> None:
    integrals = {label: evaluation.cost.metric("integral") for label, evaluation in evaluations.items()
                 if evaluation.passed}
    classes = _class_costs(problem, integrals)
    if len(classes) < 2:
        return
    fastest = statistics.median(cost for cost, _ in classes[min(classes)])
    slowest = statistics.median(cost for cost, _ in classes[max(classes)])
    if slowest <= fastest:
        report.findings.append(Finding(
            problem.id, "integral-order",
            f"the slowest class ({max(classes)}) integrates {slowest:.4g}, not more than the fastest "
            f"class ({min(classes)}): {fastest:.4g}"))


def _check_determinism(problem: Problem, report: ProblemReport, sandbox: Sandbox, witness: Sandbox) -> None:
    """Compare the efficiency tests the solutions ran on with a second, independent generation."""
    # The Sandbox has no public way to generate a problem's efficiency tests; `_prepare` returns
    # those it cached (the ones the solutions were measured on) and `_prepare_efficiency`
    # generates afresh, bypassing the cache.
    try:
        first = sandbox._prepare(problem, "efficiency")
    except SandboxInternalError as error:
        report.findings.append(Finding(problem.id, "determinism", f"the generator or oracle failed: {error}"))
        return
    try:
        second = witness._prepare_efficiency(problem)
    except SandboxInternalError as error:
        report.deterministic = False
        report.findings.append(Finding(problem.id, "determinism",
                                       f"the second generation failed although the first worked: {error}"))
        return
    differences = []
    if len(first) != len(second):
        differences.append(f"{len(first)} tests the first time, {len(second)} the second")
    else:
        for one, other in zip(first, second):
            if one.payload != other.payload:
                differences.append(f"generated input {one.index} differs")
            elif repr(one.expected) != repr(other.expected):
                differences.append(f"the oracle's answer to input {one.index} differs (oracle "
                                   f"{problem.efficiency.oracle!r})")
    report.deterministic = not differences
    if differences:
        shown = "; ".join(differences[:3]) + (f"; and {len(differences) - 3} more" if len(differences) > 3 else "")
        report.findings.append(Finding(problem.id, "determinism",
                                       f"two generations with seed {problem.efficiency.seed} disagree: {shown} "
                                       "(use only the rng argument for randomness)"))
