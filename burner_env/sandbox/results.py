"""What an evaluation returns: verdicts, per-test results and costs."""

from __future__ import annotations

from dataclasses import dataclass

VERDICTS = (
    "accepted",
    "wrong_answer",
    "runtime_error",
    "time_limit",
    "memory_limit",
    "output_limit",
    "sandbox_violation",
    "format_error",
    "internal_error",
)
MEASURES = ("cpu", "instructions", "none")
METRICS = ("time", "memory", "integral")
# The memory every program holds while it runs, in the integral: about the anonymous memory of the
# sandbox's interpreter with its pre-imported modules (10.6 MiB measured on CPython 3.11). The
# paper's integral includes the interpreter too; without a floor, a slow program that allocates
# nothing would have an integral of 0, however long it ran.
INTEGRAL_FLOOR_MIB = 10.0
COUNT_MARGIN = 1e-3
"""Relative part of an exact count's jitter (``count_jitter``): large programs' counts repeated to
within 3e-4 (36,321,032–36,331,165 for one binomial_queries reference)."""
COUNT_FLOOR = 2_000
"""Absolute part of an exact count's jitter, in instructions: a small program's count repeats to within
a few instructions, but about one child in thirty reads ~880 more in one test (a heap layout the child
inherits from the zygote, docs/SANDBOX.md)."""


def count_jitter(count: float) -> float:
    """How far apart two readings of one program's instruction count ``count`` may lie: a difference
    this small is not a difference in the code."""
    return max(COUNT_MARGIN * count, COUNT_FLOOR)


@dataclass(frozen=True)
class Cost:
    """The cost of a submission, summed over its measured tests (each the median of its repeats).

    ====================  ============================================================================
    field                 meaning
    ====================  ============================================================================
    mode                  ``"cpu"`` or ``"instructions"``
    cpu_ms                CPU milliseconds above the null-submission baseline (``cpu`` mode)
    instructions          instructions above the null submission's on the same input
                          (``instructions`` mode)
    memory_mb             peak memory growth during the test, above the null submission's, MiB
                          (max over tests; see ``executor`` for how it resists dropped pages)
    integral_mb_ms        ∫ (INTEGRAL_FLOOR_MIB + growth(t)) dt over the child's CPU time, above
                          the null submission's, MiB·ms (``cpu`` mode): grows with time for every
                          program, and with memory for those that allocate
    integral_mb_minstr    (INTEGRAL_FLOOR_MIB + memory_mb) × millions of instructions, per test,
                          summed (``instructions`` mode: an exact count has no timeline)
    time_cv               coefficient of variation of the time metric across repeats
    repeats               how many times each measured test ran
    ====================  ============================================================================
    """

    mode: str
    cpu_ms: float | None = None
    instructions: int | None = None
    memory_mb: float = 0.0
    integral_mb_ms: float | None = None
    integral_mb_minstr: float | None = None
    time_cv: float = 0.0
    repeats: int = 1

    def metric(self, name: str) -> float:
        """The value a percentile compares: ``time`` (in the mode's unit), ``memory`` or ``integral``."""
        exact = self.mode == "instructions"
        if name == "time":
            return float(self.instructions if exact else self.cpu_ms)
        if name == "memory":
            return self.memory_mb
        if name == "integral":
            return float(self.integral_mb_minstr if exact else self.integral_mb_ms)
        raise ValueError(f"unknown metric {name!r}; expected one of {', '.join(METRICS)}")

    def tie_gap(self, metric: str) -> float:
        """The difference from this cost's ``metric`` under which another cost counts as equal to it
        (ranks treat it as a tie, and so does the acceptance rule on an exact count): ``count_jitter`` of
        an instruction count, the part of the integral that jitter moves (``(F + memory) × jitter``), and
        0 for noisy readings, whose gaps are judged against repeated measurement instead."""
        if self.mode != "instructions" or metric == "memory":
            return 0.0
        jitter = count_jitter(float(self.instructions or 0))
        return jitter if metric == "time" else (INTEGRAL_FLOOR_MIB + self.memory_mb) * jitter / 1e6

    @property
    def units(self) -> dict[str, str]:
        exact = self.mode == "instructions"
        return {"time": "instructions" if exact else "ms", "memory": "MiB",
                "integral": "MiB·Minstr" if exact else "MiB·ms"}


@dataclass(frozen=True)
class TestResult:
    """One test's outcome. ``message`` is short: the first lines of an error, or a difference."""

    index: int
    kind: str  # "correctness" or "efficiency"
    verdict: str
    message: str = ""
    cost: Cost | None = None
    actual: str = ""  # a truncated repr of what the submission returned or printed
    stdout: str = ""

    @property
    def passed(self) -> bool:
        return self.verdict == "accepted"


@dataclass(frozen=True)
class Hotspot:
    """One line of a profile: a function of the submission (or a built-in it calls)."""

    function: str
    line: int
    calls: int
    self_s: float
    cumulative_s: float


@dataclass(frozen=True)
class Evaluation:
    """The judgement of one submission on one problem."""

    problem_id: str
    verdict: str
    tests: tuple[TestResult, ...] = ()
    cost: Cost | None = None
    message: str = ""
    wall_s: float = 0.0
    hotspots: tuple[Hotspot, ...] = ()

    @property
    def passed(self) -> bool:
        return self.verdict == "accepted"

    @property
    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if not t.passed), None)
