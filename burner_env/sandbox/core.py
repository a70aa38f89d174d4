"""``Sandbox``: evaluate a submission on a problem — verdict, per-test results and cost."""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import json
import os
import queue
import signal
import statistics
import threading
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from burner_env.problems.model import Checker, Limits, Problem, TestCase
from burner_env.sandbox import _codec
from burner_env.sandbox.compare import short_repr, texts_equal, values_equal
from burner_env.sandbox.executor import (
    ChildLimits,
    ChildRun,
    Reading,
    SandboxInternalError,
    TestRun,
    Zygote,
    build_request,
)
from burner_env.sandbox.results import INTEGRAL_FLOOR_MIB, MEASURES, Cost, Evaluation, Hotspot, TestResult

_MIB = 1024 * 1024
_NULL_SUBMISSION = "def solve():\n    return None\n"
_GENERATOR_ENTRY = "__burner_generate__"
_GENERATOR_SUFFIX = (
    "\n\ndef __burner_generate__(seed):\n"
    "    import random\n"
    "    return generate(random.Random(seed))\n"
)
# Generating inputs and running the oracle are the suite's work, not the agent's: generous limits.
_SUITE_WORK_LIMITS = Limits(time_s=30.0, memory_mb=4096, output_kb=512 * 1024)
BACKENDS = ("local", "ray")


@dataclass(frozen=True)
class _PreparedTest:
    """A test ready to cross the boundary: its input payload and the expected value (kept here)."""

    index: int
    payload: bytes
    is_stdin: bool
    expected: Any


class Executor(Protocol):
    """Where a ``Sandbox``'s evaluations run: its own zygotes (``backend="local"``: the Sandbox itself), or
    ``ray_backend.RayBackend`` (``backend="ray"``: Ray actors, each holding a local one-worker Sandbox)."""

    def evaluate(self, problem: Problem, code: str, profile: bool) -> Evaluation: ...

    def evaluate_many(self, items: list[tuple[Problem, str]]) -> list[Evaluation]: ...

    def close(self) -> None: ...


class Sandbox:
    """Runs untrusted Python against a problem's tests in forked, seccomp-confined children.

    Args:
        limits: default per-test limits; a problem's own ``limits`` take precedence.
        measure: ``"cpu"`` (CPU time of the child above a null-submission baseline, median of
            ``repeats`` runs), ``"instructions"`` (exact counts with callgrind) or ``"none"``
            (correctness only: the fastest).
        repeats: runs of each measured test; the median is kept.
        workers: concurrent children (one zygote each); ``evaluate_many`` uses them all. With
            ``backend="ray"``: the number of Ray actors (one CPU and one zygote each).
        sample_period_s: period of the parent's memory sampler for the integral.
        backend: ``"local"`` (zygotes of this process) or ``"ray"`` (``evaluate``, ``evaluate_many``
            and ``close`` go to a ``burner_env.sandbox.ray_backend.RayBackend``; needs ``burner-env[ray]``).
    """

    def __init__(self, limits: Limits | None = None, measure: str = "cpu", repeats: int = 3,
                 workers: int = 1, sample_period_s: float = 0.001, backend: str = "local") -> None:
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}")
        if not isinstance(repeats, int) or repeats < 1:
            raise ValueError(f"repeats must be a positive integer; got {repeats!r}")
        if not isinstance(workers, int) or workers < 1:
            raise ValueError(f"workers must be a positive integer; got {workers!r}")
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
        if measure == "instructions":
            from burner_env.sandbox import callgrind

            callgrind.check_available()
        self.limits = limits or Limits()
        self.measure = measure
        self.repeats = 1 if measure == "instructions" else repeats
        self.workers = workers
        self.sample_period_s = sample_period_s
        self.backend = backend
        self._remote: Executor | None = None  # None: evaluations run here
        if backend == "ray":
            from burner_env.sandbox.ray_backend import RayBackend  # lazily: only this backend needs ray

            local = functools.partial(Sandbox, limits=self.limits, measure=measure, repeats=self.repeats, workers=1,
                                      sample_period_s=sample_period_s)
            self._remote = RayBackend(local, measure, actors=workers)
        # Counted zygotes (under callgrind) start on first use: only instructions mode has them.
        counted = measure == "instructions"
        self._zygotes = [Zygote(counted=kind) for kind in [False] * workers + [True] * (workers if counted else 0)]
        self._idle: dict[bool, queue.Queue[Zygote]] = {False: queue.Queue(), True: queue.Queue()}
        for zygote in self._zygotes:
            self._idle[zygote.counted].put(zygote)
        self._prepared: dict[tuple, list[_PreparedTest]] = {}
        self._prepared_lock = threading.Lock()
        self._null_counts: dict[tuple, int] = {}
        self._baseline: Reading | None = None
        self._baseline_lock = threading.Lock()
        self._closed = False
        self._finalizer = weakref.finalize(self, _close_all, self._zygotes)

    # --- lifecycle --------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop every zygote and child. The sandbox cannot be used afterwards."""
        self._closed = True
        if self._remote is not None:
            self._remote.close()
        self._finalizer()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _zygote(self, counted: bool = False):
        if self._closed:
            raise RuntimeError("this Sandbox is closed")
        zygote = self._idle[counted].get()
        try:
            yield zygote
        finally:
            self._idle[counted].put(zygote)

    # --- public API -------------------------------------------------------------------------------

    def evaluate(self, problem: Problem, code: str, profile: bool = False) -> Evaluation:
        """Judge ``code`` on every test of ``problem`` and, if it passes, measure its cost.

        With ``profile``, the correctness tests also run under cProfile and ``Evaluation.hotspots``
        lists where the time went (feedback only: profiled runs never give a cost).
        """
        if not isinstance(problem, Problem):
            raise TypeError(f"problem must be a burner_env.problems.Problem, got {type(problem).__name__}")
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, got {type(code).__name__}")
        if self._remote is not None:
            return self._remote.evaluate(problem, code, profile)
        started = time.perf_counter()
        if not code.strip():
            return Evaluation(problem.id, "format_error", message="no code was submitted")
        try:
            evaluation = self._evaluate(problem, code, profile)
        except SandboxInternalError as error:
            evaluation = Evaluation(problem.id, "internal_error", message=str(error))
        return dataclasses.replace(evaluation, wall_s=time.perf_counter() - started)

    def evaluate_many(self, items: list[tuple[Problem, str]]) -> list[Evaluation]:
        """Evaluate (problem, code) pairs concurrently on all workers; results keep the input order."""
        if self._remote is not None:
            return self._remote.evaluate_many(items)
        if self.workers == 1:
            return [self.evaluate(problem, code) for problem, code in items]
        with ThreadPoolExecutor(self.workers) as pool:
            return list(pool.map(lambda item: self.evaluate(*item), items))

    # --- evaluation -------------------------------------------------------------------------------

    def _evaluate(self, problem: Problem, code: str, profile: bool) -> Evaluation:
        program = problem.program(code)
        limits = problem.limits or self.limits
        correctness = self._prepare(problem, "correctness")
        measured = self._prepare(problem, "efficiency") if problem.efficiency else correctness
        kind = "efficiency" if problem.efficiency else "correctness"
        measured_program = canonical_source(program)
        hotspots: list = []

        def measured_runs() -> list[list[TestResult]]:
            runs = []
            for _ in range(self.repeats):
                runs.append(self._run_and_judge(problem, measured_program, measured, limits, kind,
                                                take_readings=True, shared_child=False))
                if not _all_passed(runs[-1], measured):
                    break  # the first failure is the verdict: no need to repeat it
            return runs

        # Where the judging pass would run each test in a fresh child anyway (one test, or stdin), as the
        # measured runs do, the measured runs judge too: one child per test and repeat instead of one more.
        # A failure whose message quotes the program's lines is judged again on the program as written.
        judged_while_measuring = (self.measure == "cpu" and kind == "correctness" and not profile
                                  and (len(correctness) == 1 or problem.io == "stdin"))
        repeat_results = measured_runs() if judged_while_measuring else None
        results: list[TestResult] = []
        if repeat_results is None or _rejudge(repeat_results[-1], measured):
            results = self._run_and_judge(problem, program, correctness, limits, "correctness",
                                          take_readings=False, shared_child=True,
                                          hotspots=hotspots if profile else None)
            if failed := _failed_evaluation(problem.id, results, correctness):
                return failed
            if self.measure == "none":
                return Evaluation(problem.id, "accepted", tuple(results), hotspots=tuple(hotspots))
            repeat_results = repeat_results or measured_runs()
        for run in repeat_results:
            if failed := _failed_evaluation(problem.id, run, measured, earlier=results):
                return failed
        cost = aggregate_costs(repeat_results, self.measure)
        measured_results = [
            _with_cost(repeat_results[0][i], _median_cost([rr[i].cost for rr in repeat_results]))
            for i in range(len(measured))
        ]
        results = measured_results if kind == "correctness" else results + measured_results
        return Evaluation(problem.id, "accepted", tuple(results), cost, hotspots=tuple(hotspots))

    def _run_and_judge(self, problem: Problem, program: str, tests: list[_PreparedTest],
                       limits: Limits, kind: str, take_readings: bool, shared_child: bool,
                       hotspots: list | None = None) -> list[TestResult]:
        """Run tests (in one child, or a fresh child each) and judge them in order, stopping at the
        first failure. With a ``hotspots`` list, profile the runs and put the child's report there."""
        child_limits = _child_limits(limits)
        by_index = {t.index: t for t in tests}
        judged: list[TestResult] = []

        def judge(run: TestRun, child: ChildRun | None) -> TestResult:
            test = by_index[run.index]
            return self._judge(problem, test, run, child, kind, limits)

        request_fd = build_request(program, problem.io, problem.harness_entry,
                                   [(t.index, t.payload, t.is_stdin) for t in tests],
                                   profile=hotspots is not None)
        try:
            groups = ([[t.index for t in tests]] if shared_child and problem.io != "stdin"
                      else [[t.index] for t in tests])
            for group in groups:
                early: list[TestResult] = []

                def should_continue(run: TestRun, early: list[TestResult] = early) -> bool:
                    result = judge(run, None)
                    early.append(result)
                    return result.passed

                # A custom checker needs a zygote of its own: judge those after this child ends.
                stop_early = should_continue if problem.checker.kind != "custom" else None
                with self._zygote() as zygote:
                    child = zygote.run(request_fd, group, child_limits, take_readings,
                                       self.sample_period_s, should_continue=stop_early)
                if hotspots is not None and child.tests and child.tests[-1].result:
                    hotspots[:] = _checked_hotspots(child.tests[-1].result.get("profile"))
                for position, run in enumerate(child.tests):
                    # A test judged while the child ran is final unless the child died during it.
                    result = early[position] if position < len(early) and run.failure is None else judge(run, child)
                    if take_readings and result.passed:
                        result = self._measured(result, run, by_index[run.index], request_fd, problem,
                                                limits, kind)
                    judged.append(result)
                    if not result.passed:
                        return judged
                if len(child.tests) < len(group):
                    judged.append(_setup_failure(group[len(child.tests)], kind, child))
                    return judged
        finally:
            os.close(request_fd)
        return judged

    def _judge(self, problem: Problem, test: _PreparedTest, run: TestRun, child: ChildRun | None,
               kind: str, limits: Limits) -> TestResult:
        stdout = run.stdout.decode("utf-8", "replace")
        base = {"index": test.index, "kind": kind, "stdout": stdout[-2000:]}
        if run.failure is not None:
            return TestResult(verdict=_FAILURE_VERDICTS.get(run.failure, "runtime_error"),
                              message=_FAILURE_MESSAGES[run.failure].format(limits=limits), **base)
        if run.result is None:
            verdict, message = _verdict_from_exit(child.exit_code if child else None,
                                                  closed=bool(child and child.stopped_by_parent == "closed"))
            tail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            return TestResult(verdict=verdict, message="\n".join([message, *tail]).strip(), **base)
        result = run.result
        if not result.get("ok"):
            return _error_result(result, base)
        if problem.io == "stdin":
            actual = stdout
            passed = self._check(problem.checker, test, actual, texts=True)
        else:
            try:
                actual = _codec.decode(json.dumps(result.get("value")).encode())
            except (ValueError, TypeError, RecursionError):
                return TestResult(verdict="wrong_answer", message="the output could not be decoded",
                                  **base)
            passed = self._check(problem.checker, test, actual, texts=False)
        if passed:
            return TestResult(verdict="accepted", actual=short_repr(actual), **base)
        return TestResult(verdict="wrong_answer", actual=short_repr(actual),
                          message=f"expected {short_repr(test.expected)}, got {short_repr(actual)}",
                          **base)

    def _check(self, checker: Checker, test: _PreparedTest, actual: Any, texts: bool) -> bool:
        if checker.kind == "custom":
            return self._custom_check(checker, test, actual)
        if texts:
            return texts_equal(actual, test.expected, checker)
        return values_equal(actual, test.expected, checker)

    def _custom_check(self, checker: Checker, test: _PreparedTest, actual: Any) -> bool:
        """A dataset's own checker is code too: it runs in a sandboxed child, on data only.

        A ``check(expected, actual, test_input)`` also gets the test's input — the one the parent
        holds (the arguments, or the stdin text), never one the submission reports: a judge that
        validates an answer against its question must not take the question from the answerer.
        """
        arguments = [test.expected, actual]
        if _checker_takes_input(checker.code):
            arguments.append(test.payload.decode("utf-8", "surrogatepass") if test.is_stdin
                             else _codec.decode(test.payload))
        try:
            payload = _codec.encode(arguments)
        except _codec.EncodingRefused:
            return False
        test = _PreparedTest(0, payload, False, True)
        checker_problem = Problem(id="checker", statement="", io="function", entry_point="check",
                                  tests=(TestCase(args=(), expected=True),))
        results = self._run_and_judge(checker_problem, checker.code, [test], _SUITE_WORK_LIMITS,
                                      "checker", take_readings=False, shared_child=True)
        return bool(results) and results[0].passed

    # --- preparing tests --------------------------------------------------------------------------

    def _prepare(self, problem: Problem, kind: str) -> list[_PreparedTest]:
        key = (problem.id, kind, problem.record_fingerprint)
        with self._prepared_lock:
            cached = self._prepared.get(key)
        if cached is not None:
            return cached
        if kind == "correctness":
            prepared = [_prepare_test(i, t, problem.id) for i, t in enumerate(problem.tests)]
        else:
            prepared = self._prepare_efficiency(problem)
        with self._prepared_lock:
            self._prepared[key] = prepared
        return prepared

    def _prepare_efficiency(self, problem: Problem) -> list[_PreparedTest]:
        """Generate the large inputs in a sandboxed child, then answer them with the oracle."""
        spec = problem.efficiency
        generator_problem = Problem(id=f"{problem.id}#generator", statement="", io="function",
                                    entry_point=_GENERATOR_ENTRY,
                                    tests=(TestCase(args=(spec.seed,), expected=None),))
        seed_test = _PreparedTest(0, _codec.encode([spec.seed]), False, None)
        generated = self._run_suite_code(generator_problem, spec.generator + _GENERATOR_SUFFIX,
                                         [seed_test], "efficiency generator")[0]
        if type(generated) is not list or not generated:
            raise SandboxInternalError(f"problem {problem.id!r}: the efficiency generator must return "
                                       "a non-empty list of test inputs")
        inputs = [_input_from_generated(problem, i, item) for i, item in enumerate(generated)]
        oracle = problem.solution(spec.oracle)
        unanswered = [_prepare_test(i, t, problem.id) for i, t in enumerate(inputs)]
        if problem.io == "stdin":
            answers = self._run_suite_code(problem, problem.program(oracle.code), unanswered,
                                           f"oracle {oracle.label!r}", stdout=True)
        else:
            answers = self._run_suite_code(problem, oracle.code, unanswered, f"oracle {oracle.label!r}")
        return [_PreparedTest(t.index, t.payload, t.is_stdin, answer)
                for t, answer in zip(unanswered, answers)]

    def _run_suite_code(self, problem: Problem, program: str, tests: list[_PreparedTest], what: str,
                        stdout: bool = False) -> list[Any]:
        """Run trusted-by-nobody suite code (generators, oracles) sandboxed and return its outputs."""
        request_fd = build_request(program, problem.io, problem.entry_point,
                                   [(t.index, t.payload, t.is_stdin) for t in tests])
        outputs = []
        try:
            groups = [[t.index] for t in tests] if problem.io == "stdin" else [[t.index for t in tests]]
            for group in groups:
                with self._zygote() as zygote:
                    child = zygote.run(request_fd, group, _child_limits(_SUITE_WORK_LIMITS),
                                       False, self.sample_period_s)
                for run in child.tests:
                    if run.failure or not run.result or not run.result.get("ok"):
                        detail = (run.result or {}).get("error") or run.failure or child.exit_code
                        raise SandboxInternalError(f"problem {problem.id!r}: the {what} failed: {detail}")
                    if stdout:
                        outputs.append(run.stdout.decode("utf-8", "replace"))
                    else:
                        outputs.append(_codec.decode(json.dumps(run.result["value"]).encode()))
                if len(child.tests) < len(group):
                    raise SandboxInternalError(
                        f"problem {problem.id!r}: the {what} stopped (exit status {child.exit_code})")
        finally:
            os.close(request_fd)
        return outputs

    # --- measurement ------------------------------------------------------------------------------

    def _measured(self, result: TestResult, run: TestRun, test: _PreparedTest, request_fd: int,
                  problem: Problem, limits: Limits, kind: str) -> TestResult:
        """A passed measured run with its cost, or — in ``instructions`` mode — the verdict of the
        counted run when that run fails: its answer is judged like any other."""
        baseline = self._null_baseline()
        reading = run.reading
        memory_mb = max(reading.peak_bytes - baseline.peak_bytes, 0) / _MIB
        if self.measure == "instructions":
            counted = self._judged_count(problem, test, request_fd, limits, kind)
            if isinstance(counted, TestResult):
                return counted
            instructions = max(counted - self._null_instructions(problem, test, limits), 0)
            cost = Cost(mode="instructions", instructions=instructions, memory_mb=memory_mb,
                        integral_mb_minstr=(INTEGRAL_FLOOR_MIB + memory_mb) * instructions / 1e6)
            return _with_cost(result, cost)
        cpu_ms = max(reading.cpu_ns - baseline.cpu_ns, 0) / 1e6
        growth = max(reading.integral_byte_ns - baseline.integral_byte_ns, 0.0) / _MIB / 1e6
        return _with_cost(result, Cost(mode="cpu", cpu_ms=cpu_ms, memory_mb=memory_mb,
                                       integral_mb_ms=INTEGRAL_FLOOR_MIB * cpu_ms + growth))

    def _judged_count(self, problem: Problem, test: _PreparedTest, request_fd: int, limits: Limits,
                      kind: str) -> int | TestResult:
        """The instruction count of one test, or the failure the counted run earned."""
        counted = self._run_counted(request_fd, test.index, limits)
        if not counted.tests:  # valgrind or our harness failed before the test: ours
            raise SandboxInternalError(f"the counted run did not start (exit status {counted.exit_code})")
        judged = self._judge(problem, test, counted.tests[0], counted, kind, limits)
        if not judged.passed:
            return dataclasses.replace(judged, message=f"in the counted run: {judged.message}")
        if counted.instructions is None:
            return TestResult(index=test.index, kind=kind, verdict="runtime_error",
                              message=f"in the counted run: {counted.count_problem}")
        return counted.instructions

    def _count_null(self, request_fd: int, index: int, limits: Limits) -> int:
        """The count of a null submission: valid whenever its child ended normally, whatever the
        null program answered (under a dataset's runner it may well fail)."""
        counted = self._run_counted(request_fd, index, limits)
        if counted.instructions is None:
            raise SandboxInternalError(f"the null submission's counted run failed: {counted.count_problem}")
        return counted.instructions

    def _run_counted(self, request_fd: int, index: int, limits: Limits) -> ChildRun:
        from burner_env.sandbox import callgrind

        with self._zygote(counted=True) as zygote:
            return zygote.run(request_fd, [index], callgrind.slow_limits(_child_limits(limits)), False, 0.05)

    def _null_instructions(self, problem: Problem, test: _PreparedTest, limits: Limits) -> int:
        """Instructions of a submission that does nothing, on the same input (cached)."""
        key = (problem.id, problem.record_fingerprint, test.index, hashlib.sha256(test.payload).digest())
        with self._prepared_lock:
            if key in self._null_counts:
                return self._null_counts[key]
        request_fd = build_request(canonical_source(problem.program(_null_program(problem))), problem.io,
                                   problem.harness_entry, [(test.index, test.payload, test.is_stdin)])
        try:
            count = self._count_null(request_fd, test.index, limits)
        finally:
            os.close(request_fd)
        with self._prepared_lock:
            self._null_counts[key] = count
        return count

    def _null_baseline(self, runs: int = 15) -> Reading:
        """The harness's own cost for a submission that does nothing, measured like any other."""
        with self._baseline_lock:
            if self._baseline is None:
                readings = []
                request_fd = build_request(_NULL_SUBMISSION, "function", "solve", [(0, b"[]", False)])
                try:
                    for _ in range(runs):
                        with self._zygote() as zygote:
                            child = zygote.run(request_fd, [0], _child_limits(self.limits), True,
                                               self.sample_period_s)
                        if not child.tests or child.tests[0].reading is None:
                            raise SandboxInternalError("the null submission did not run")
                        readings.append(child.tests[0].reading)
                finally:
                    os.close(request_fd)
                self._baseline = Reading(
                    cpu_ns=int(statistics.median(r.cpu_ns for r in readings)),
                    peak_bytes=int(statistics.median(r.peak_bytes for r in readings)),
                    integral_byte_ns=statistics.median(r.integral_byte_ns for r in readings),
                )
            return self._baseline


# --- helpers --------------------------------------------------------------------------------------

_FAILURE_VERDICTS = {"time_limit": "time_limit", "output_limit": "output_limit",
                     "protocol": "runtime_error", "vanished": "runtime_error"}
_FAILURE_MESSAGES = {
    "time_limit": "exceeded the time limit ({limits.time_s:g} s of CPU per test)",
    "output_limit": "printed or returned more than the output limit ({limits.output_kb} KiB)",
    "protocol": "wrote garbage over the sandbox's result channel",
    "vanished": "exited before the sandbox could read its cost (the harness waits; the code broke it)",
}
_SIGNAL_VERDICTS = {
    signal.SIGSYS: ("sandbox_violation", "made a forbidden system call and was stopped"),
    signal.SIGXCPU: ("time_limit", "exceeded the CPU time limit"),
    signal.SIGKILL: ("time_limit", "was killed after exceeding its CPU time limit"),
}
# Our own SIGKILL after the child closed its result channel (or exited without a result).
_CLOSED_CHANNEL_VERDICTS = {
    signal.SIGKILL: ("runtime_error", "closed the sandbox's result channel before returning a result"),
    signal.SIGXFSZ: ("output_limit", "tried to write a file"),
}


def _verdict_from_exit(exit_code: int | None, closed: bool = False) -> tuple[str, str]:
    if exit_code is None:
        return "runtime_error", "stopped without returning a result"
    if exit_code < 0:
        number = -exit_code
        if closed and number in _CLOSED_CHANNEL_VERDICTS:
            return _CLOSED_CHANNEL_VERDICTS[number]
        if number in _SIGNAL_VERDICTS:
            return _SIGNAL_VERDICTS[number]
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return "runtime_error", f"crashed ({name})"
    return "runtime_error", f"exited with status {exit_code} before returning a result"


def _error_result(result: dict, base: dict) -> TestResult:
    error = result.get("error") or {}
    kind = str(error.get("type", "Error"))[:100]
    message = f"{kind}: {str(error.get('message', ''))[:500]}".rstrip(": ")
    trace = str(error.get("trace", ""))[-1500:]
    stage = result.get("stage")
    if stage == "compile":
        return TestResult(verdict="runtime_error", message=f"compile error: {message}", **base)
    if stage == "output":
        if kind == "OutputTooLarge":
            return TestResult(verdict="output_limit", message=message, **base)
        return TestResult(verdict="wrong_answer", message=message, **base)
    if kind == "MemoryError":
        return TestResult(verdict="memory_limit", message="ran out of memory (MemoryError)", **base)
    return TestResult(verdict="runtime_error", message=f"{trace}{message}".strip(), **base)


def _setup_failure(index: int, kind: str, child: ChildRun) -> TestResult:
    """A test that never started. Before the first test of a child only our harness has run, so
    that failure is ours (``internal_error``); once the submission's code has run in the child,
    whatever breaks the harness afterwards (an exit patched into its decoder, say) is the
    submission's doing, and a failure verdict."""
    if child.stopped_by_parent in _FAILURE_VERDICTS:
        verdict = _FAILURE_VERDICTS[child.stopped_by_parent]
        return TestResult(index=index, kind=kind, verdict=verdict,
                          message="the child was stopped before this test started")
    if child.tests:
        verdict, message = _verdict_from_exit(child.exit_code)
        return TestResult(index=index, kind=kind, verdict=verdict,
                          message=f"the child stopped between tests, after the code had run: it {message}")
    return TestResult(index=index, kind=kind, verdict="internal_error",
                      message=f"the sandboxed child failed before the test (exit status {child.exit_code})")


def _checked_hotspots(rows: Any) -> list[Hotspot]:
    """The child's profile report is untrusted data: keep only well-formed rows."""
    if type(rows) is not list:
        return []
    checked = []
    for row in rows[:20]:
        if (type(row) is list and len(row) == 5 and type(row[0]) is str
                and all(type(v) in (int, float) for v in row[1:])):
            checked.append(Hotspot(row[0][:80], int(row[1]), int(row[2]), float(row[3]), float(row[4])))
    return checked


@functools.lru_cache(maxsize=256)
def _checker_takes_input(code: str) -> bool:
    """Whether a custom checker's ``check`` takes a third argument, the test's input."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    checks = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "check"]
    return bool(checks) and len(checks[-1].args.args) >= 3


def _all_passed(results: list[TestResult], tests: list[_PreparedTest]) -> bool:
    """Every test ran and passed (a run stops at its first failure)."""
    return len(results) == len(tests) and all(result.passed for result in results)


def _failed_evaluation(problem_id: str, run: list[TestResult], tests: list[_PreparedTest],
                       earlier: Sequence[TestResult] = ()) -> Evaluation | None:
    """The evaluation a run that did not pass every test ends in (its first failure's verdict; a run cut
    short is an internal error), after the ``earlier`` results; None when it passed."""
    if _all_passed(run, tests):
        return None
    failure = next((result for result in run if not result.passed), None)
    return Evaluation(problem_id, failure.verdict if failure else "internal_error", (*earlier, *run),
                      message=failure.message if failure else "tests did not all run")


def _rejudge(results: list[TestResult], tests: list[_PreparedTest]) -> bool:
    """A measured run (of the canonical source) failed in a way whose message cites the program's lines (a
    runtime error: its traceback), or did not run every test: judge the program as written."""
    return len(results) < len(tests) or any(result.verdict == "runtime_error" for result in results)


def canonical_source(source: str) -> str:
    """The program with comments, blank lines and formatting removed (``ast.unparse``): what the
    measured runs execute, so that no cost depends on them. Code that does not parse is left as it
    is (it fails to compile either way)."""
    try:
        return ast.unparse(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source


def _null_program(problem: Problem) -> str:
    """A submission with the problem's entry point that does nothing (an empty program for stdin)."""
    if problem.io == "function":
        return f"def {problem.entry_point}(*args):\n    return None\n"
    if problem.io == "class":
        return (f"class {problem.class_name}:\n    def {problem.method_name}(self, *args):\n"
                "        return None\n")
    return "\n"


def _child_limits(limits: Limits) -> ChildLimits:
    return ChildLimits(time_s=limits.time_s, memory_bytes=limits.memory_mb * _MIB,
                       output_bytes=limits.output_kb * 1024, result_bytes=limits.output_kb * 1024 + 4096)


def _prepare_test(index: int, test: TestCase, problem_id: str) -> _PreparedTest:
    if test.stdin is not None:
        return _PreparedTest(index, test.stdin.encode("utf-8", "surrogatepass"), True, test.expected)
    try:
        payload = _codec.encode(list(test.args or ()))
    except _codec.EncodingRefused as error:
        raise SandboxInternalError(f"problem {problem_id!r}, test {index}: {error}") from None
    return _PreparedTest(index, payload, False, test.expected)


def _input_from_generated(problem: Problem, index: int, item: Any) -> TestCase:
    where = f"problem {problem.id!r}: generated efficiency test {index}"
    if type(item) is not dict:
        raise SandboxInternalError(f"{where} must be a dict, got {type(item).__name__}")
    if problem.io == "stdin":
        if type(item.get("stdin")) is not str:
            raise SandboxInternalError(f"{where} needs a 'stdin' string")
        return TestCase(stdin=item["stdin"])
    if type(item.get("args")) is not list:
        raise SandboxInternalError(f"{where} needs an 'args' list")
    return TestCase(args=tuple(item["args"]))


def _with_cost(result: TestResult, cost: Cost) -> TestResult:
    return TestResult(result.index, result.kind, result.verdict, result.message, cost, result.actual,
                      result.stdout)


def _combine(costs: list[Cost], field_name: str, how) -> float | None:
    values = [getattr(c, field_name) for c in costs]
    return None if any(v is None for v in values) else how(values)


def _median_cost(costs: list[Cost]) -> Cost:
    return Cost(
        mode=costs[0].mode,
        cpu_ms=_combine(costs, "cpu_ms", statistics.median),
        instructions=_combine(costs, "instructions", lambda v: int(statistics.median(v))),
        memory_mb=statistics.median(c.memory_mb for c in costs),
        integral_mb_ms=_combine(costs, "integral_mb_ms", statistics.median),
        integral_mb_minstr=_combine(costs, "integral_mb_minstr", statistics.median),
        repeats=len(costs),
    )


def aggregate_costs(repeat_results: list[list[TestResult]], mode: str) -> Cost:
    """The evaluation's cost: per test the median over repeats, summed over tests (memory: max).

    ``time_cv`` is the coefficient of variation of the per-repeat totals of the time metric.
    """
    per_test = [_median_cost([run[i].cost for run in repeat_results])
                for i in range(len(repeat_results[0]))]
    totals = [sum(r.cost.metric("time") for r in run) for run in repeat_results]
    mean = statistics.fmean(totals)
    cv = statistics.pstdev(totals) / mean if len(totals) > 1 and mean > 0 else 0.0
    return Cost(
        mode=mode,
        cpu_ms=_combine(per_test, "cpu_ms", sum),
        instructions=_combine(per_test, "instructions", sum),
        memory_mb=max(c.memory_mb for c in per_test),
        integral_mb_ms=_combine(per_test, "integral_mb_ms", sum),
        integral_mb_minstr=_combine(per_test, "integral_mb_minstr", sum),
        time_cv=cv,
        repeats=len(repeat_results),
    )


def _close_all(zygotes: list[Zygote]) -> None:
    for zygote in zygotes:
        zygote.close()
