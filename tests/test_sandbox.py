"""Functional tests of the sandbox: io modes, checkers, efficiency tests, costs, lifecycle.

Hostile submissions have their own catalog in test_hostile.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from burner_env.demo import SAMPLE_PROBLEM
from burner_env.problems import Problem, ProblemFormatError
from burner_env.problems.model import Checker
from burner_env.sandbox import Limits, Sandbox, _codec, _policy
from burner_env.sandbox.compare import texts_equal, values_equal

SUM_LIST = {
    "id": "sum-list", "title": "Sum of a list", "statement": "Return the sum of xs.",
    "io": "function", "entry_point": "solve",
    "tests": [{"args": [[1, 2, 3]], "expected": 6}],
    "solutions": [{"label": "builtin", "code": "def solve(xs):\n    return sum(xs)\n"}],
}


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(limits=Limits(time_s=1.0, memory_mb=256), measure="cpu", repeats=1) as sb:
        yield sb


def problem(**changes) -> Problem:
    return Problem.from_dict({**SUM_LIST, **changes})


def test_issue_example_record_is_accepted(sandbox):
    p = Problem.from_dict(SUM_LIST)
    ev = sandbox.evaluate(p, p.solutions[0].code)
    assert ev.passed and ev.verdict == "accepted"
    assert ev.cost.mode == "cpu" and ev.cost.cpu_ms >= 0
    assert [t.verdict for t in ev.tests] == ["accepted"]


def test_wrong_answer_names_expected_and_actual(sandbox):
    ev = sandbox.evaluate(problem(), "def solve(xs):\n    return 5\n")
    assert ev.verdict == "wrong_answer"
    assert "expected 6" in ev.message and "got 5" in ev.message
    assert ev.cost is None


def test_every_child_starts_from_the_zygotes_random_state(sandbox):
    # Children are forked without CPython's at-fork handlers (random's reseed among them), so a program
    # that draws random numbers makes the same draws, and costs the same, on every run.
    code = "import random\ndef solve(xs):\n    return [random.random() for _ in xs]\n"
    draws = {sandbox.evaluate(problem(), code).tests[0].actual for _ in range(3)}
    assert len(draws) == 1 and "0." in draws.pop()


def _judging_passes(monkeypatch) -> list[bool]:
    """Records, for each ``_run_and_judge`` call from now on, whether it was the judging pass (one shared
    child, no readings) rather than a measured run."""
    calls: list[bool] = []
    original = Sandbox._run_and_judge

    def spy(self, *args, **kwargs):
        calls.append(not kwargs["take_readings"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Sandbox, "_run_and_judge", spy)
    return calls


def test_a_one_test_problem_is_judged_by_its_measured_runs(monkeypatch):
    """One test (or stdin): the measured runs' fresh children judge it too, so no extra judging child;
    a runtime error is judged again on the code as written, so its traceback cites the lines written."""
    calls = _judging_passes(monkeypatch)
    with Sandbox(limits=Limits(time_s=1.0, memory_mb=256), measure="cpu", repeats=3) as sandbox:
        one_test = problem()
        evaluation = sandbox.evaluate(one_test, "def solve(xs):\n    return sum(xs)\n")
        assert evaluation.passed and evaluation.cost.cpu_ms >= 0 and calls == [False] * 3

        calls.clear()
        assert sandbox.evaluate(one_test, "def solve(xs):\n    return 0\n").verdict == "wrong_answer"
        assert calls == [False]  # the first failing run is the verdict: not repeated, not judged again

        calls.clear()
        commented = "# a comment\n\n\n# and another\ndef solve(xs):\n    raise ValueError('boom')\n"
        evaluation = sandbox.evaluate(one_test, commented)
        assert evaluation.verdict == "runtime_error" and "line 6" in evaluation.message, evaluation.message
        assert calls == [False, True]

        calls.clear()  # several tests share one judging child: it still runs first
        two_tests = problem(tests=[{"args": [[1, 2, 3]], "expected": 6}, {"args": [[4]], "expected": 4}])
        assert sandbox.evaluate(two_tests, "def solve(xs):\n    return sum(xs)\n").passed
        assert calls == [True, False, False, False]


def test_state_shared_between_tests_is_still_judged_in_one_child(sandbox):
    """A program right on each test alone but wrong when the tests share its process (a stale module-level
    cache) fails, as in a judge that runs every test in one process."""
    stale = "CACHE = []\ndef solve(xs):\n    CACHE.append(sum(xs))\n    return CACHE[0]\n"
    two_tests = problem(tests=[{"args": [[1, 2, 3]], "expected": 6}, {"args": [[4]], "expected": 4}])
    assert sandbox.evaluate(two_tests, stale).verdict == "wrong_answer"


def test_exact_types_bool_and_float_are_not_int(sandbox):
    assert sandbox.evaluate(problem(tests=[{"args": [[1]], "expected": 1}]),
                            "def solve(xs):\n    return True\n").verdict == "wrong_answer"
    assert sandbox.evaluate(problem(), "def solve(xs):\n    return 6.0\n").verdict == "wrong_answer"
    assert sandbox.evaluate(problem(tests=[{"args": [[1]], "expected": [1, 2]}]),
                            "def solve(xs):\n    return (1, 2)\n").verdict == "wrong_answer"


def test_stdin_problem_compares_normalised_text(sandbox):
    p = Problem.from_dict({
        "id": "echo-sum", "statement": "Print the sum of the numbers on each line.", "io": "stdin",
        "tests": [{"stdin": "1 2\n3 4\n", "expected": "3\n7\n"},
                  {"stdin": "", "expected": ""}],
    })
    code = "import sys\nfor line in sys.stdin:\n    print(sum(map(int, line.split())),  '  ')\n"
    assert sandbox.evaluate(p, code).verdict == "accepted"
    assert sandbox.evaluate(p, "print(3)\nprint(8)\n").verdict == "wrong_answer"
    # input() and open(0) read the same data: stdin is a real descriptor.
    code = ("data = open(0).read().split()\n"
            "for a, b in zip(data[::2], data[1::2]):\n    print(int(a) + int(b))\n")
    assert sandbox.evaluate(p, code).verdict == "accepted"


def test_class_mode_calls_a_fresh_solution_instance_per_test(sandbox):
    p = Problem.from_dict({
        "id": "count-calls", "statement": "Return len(xs).", "io": "class",
        "entry_point": "Solution.size",
        "tests": [{"args": [[1, 2]], "expected": 2}, {"args": [[1, 2, 3]], "expected": 3}],
    })
    code = ("class Solution:\n    calls = 0\n    def size(self, xs: List[int]) -> int:\n"
            "        self.mine = getattr(self, 'mine', 0) + 1\n        return len(xs) * self.mine\n")
    assert sandbox.evaluate(p, code).verdict == "accepted"
    assert sandbox.evaluate(p, "class Wrong:\n    pass\n").verdict == "runtime_error"


def test_checkers_float_unordered_and_custom(sandbox):
    floats = problem(checker={"kind": "float", "rel_tol": 1e-6},
                     tests=[{"args": [[1, 2]], "expected": 0.3333333}])
    assert sandbox.evaluate(floats, "def solve(xs):\n    return 1 / 3\n").passed
    assert not sandbox.evaluate(floats, "def solve(xs):\n    return 0.34\n").passed
    unordered = problem(checker="unordered", tests=[{"args": [[3, 1, 2]], "expected": [1, 2, 3]}])
    assert sandbox.evaluate(unordered, "def solve(xs):\n    return list(xs)\n").passed
    assert not sandbox.evaluate(unordered, "def solve(xs):\n    return xs[:2]\n").passed
    parity = "def check(expected, actual):\n    return actual % 2 == expected % 2\n"
    custom = problem(checker={"kind": "custom", "code": parity},
                     tests=[{"args": [[1]], "expected": 1}])
    assert sandbox.evaluate(custom, "def solve(xs):\n    return 41\n").passed
    assert not sandbox.evaluate(custom, "def solve(xs):\n    return 40\n").passed


def test_efficiency_tests_come_from_the_generator_and_the_oracle(sandbox):
    p = Problem.from_dict(SAMPLE_PROBLEM)
    ev = sandbox.evaluate(p, p.solutions[0].code)
    kinds = [t.kind for t in ev.tests]
    assert ev.passed and kinds.count("efficiency") == 1 and kinds.count("correctness") == 4
    # Right on the small tests, wrong on the generated one: the oracle's answer decides.
    cheat = ("def count_pairs(xs, target):\n    if len(xs) > 100:\n        return -1\n"
             "    return sum(1 for i in range(len(xs)) for j in range(i + 1, len(xs))"
             " if xs[i] + xs[j] == target)\n")
    failed = sandbox.evaluate(p, cheat)
    assert failed.verdict == "wrong_answer" and failed.first_failure.kind == "efficiency"


def test_cost_orders_complexity_classes(sandbox):
    p = Problem.from_dict(SAMPLE_PROBLEM)
    fast, _, slow = (sandbox.evaluate(p, s.code).cost for s in p.solutions)
    assert slow.cpu_ms > 5 * fast.cpu_ms


def test_memory_is_measured_above_the_baseline(sandbox):
    p = problem(tests=[{"args": [[1]], "expected": 1}])
    small = sandbox.evaluate(p, "def solve(xs):\n    return len(xs)\n").cost
    big = sandbox.evaluate(p, "def solve(xs):\n    b = bytearray(64 * 2**20)\n    return len(xs)\n").cost
    assert small.memory_mb < 2
    assert 60 < big.memory_mb < 80


def test_generator_failure_is_an_internal_error_not_the_agents(sandbox):
    record = dict(SAMPLE_PROBLEM)
    record["efficiency"] = {"generator": "def generate(rng):\n    raise ValueError('bug')\n", "seed": 0}
    p = Problem.from_dict(record)
    ev = sandbox.evaluate(p, p.solutions[0].code)
    assert ev.verdict == "internal_error" and "generator" in ev.message


def test_format_error_and_type_errors(sandbox):
    assert sandbox.evaluate(problem(), "   \n").verdict == "format_error"
    with pytest.raises(TypeError):
        sandbox.evaluate(problem(), b"def solve(xs): return 6")
    with pytest.raises(TypeError):
        sandbox.evaluate({"id": "x"}, "def solve(xs): return 6")


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="measure"):
        Sandbox(measure="wall")
    with pytest.raises(ValueError, match="repeats"):
        Sandbox(repeats=0)


def test_malformed_record_names_problem_and_field():
    with pytest.raises(ProblemFormatError, match=r"problem 'sum-list', field 'tests\[0\].expected'"):
        problem(tests=[{"args": [[1]]}])
    with pytest.raises(ValueError, match="field 'io'"):
        problem(io="rpc")
    with pytest.raises(ValueError, match="field 'entry_point'"):
        problem(io="class", entry_point="solve")


def test_evaluate_many_keeps_order():
    p = problem()
    codes = ["def solve(xs):\n    return 6\n", "def solve(xs):\n    return 0\n"] * 3
    with Sandbox(measure="none", workers=2) as sb:
        verdicts = [ev.verdict for ev in sb.evaluate_many([(p, c) for c in codes])]
    assert verdicts == ["accepted", "wrong_answer"] * 3


def test_close_stops_the_zygotes():
    sb = Sandbox(measure="none")
    sb.evaluate(problem(), "def solve(xs):\n    return 6\n")
    pids = [z._process.pid for z in sb._zygotes]
    sb.close()
    for pid in pids:
        assert not os.path.exists(f"/proc/{pid}")
    with pytest.raises(RuntimeError, match="closed"):
        sb.evaluate(problem(), "def solve(xs):\n    return 6\n")


@pytest.mark.parametrize("value", [None, True, -3, 2**80, 1.5, float("inf"), "naïve\ud800", [1, [2]],
                                   (1, (2, 3)), {"a": 1, 2: (3,)}, {1, 2}, frozenset({(1, 2)}), []])
def test_codec_round_trips_plain_data(value):
    decoded = _codec.decode(_codec.encode(value))
    assert decoded == value or (value != value and decoded != decoded)
    assert type(decoded) is (set if type(value) is frozenset else type(value))


def test_codec_refuses_subclasses_and_objects():
    class Sneaky(int):
        pass

    for value in (Sneaky(1), [Sneaky(1)], object(), {"k": object()}):
        with pytest.raises(_codec.EncodingRefused):
            _codec.encode(value)


def test_comparison_helpers():
    exact = Checker()
    assert values_equal([1, [2, "a"]], [1, [2, "a"]], exact)
    assert not values_equal([1, True], [1, 1], exact)
    assert not values_equal({"a": 1}, {"a": 1.0}, exact)
    assert texts_equal("1  2 \n\n3\n", "1 2\n3", exact)
    assert not texts_equal("1 2 3", "1 2\n3", exact)
    assert texts_equal("0.3333334", "0.3333333", Checker(kind="float", rel_tol=1e-6))


def test_native_json_tuples_and_sets_round_trip_and_judge(sandbox):
    record = {**SUM_LIST, "entry_point": "pair", "tests": [
        {"args": [{"$tuple": [1, 2]}], "expected": {"$tuple": [2, {"$set": [1]}]}}]}
    p = Problem.from_dict(record)
    assert p.tests[0].args == ((1, 2),) and p.tests[0].expected == (2, {1})
    assert Problem.from_dict(p.to_dict()) == p
    assert sandbox.evaluate(p, "def pair(t):\n    return (t[1], {t[0]})\n").passed
    assert not sandbox.evaluate(p, "def pair(t):\n    return [t[1], {t[0]}]\n").passed


@pytest.mark.skipif(shutil.which("valgrind") is None or _policy.landlock_abi() < 1,
                    reason="measure='instructions' needs valgrind and Landlock")
def test_instructions_mode_is_exact_and_orders_classes():
    p = Problem.from_dict(SAMPLE_PROBLEM)
    fast, slow = p.solutions[0].code, p.solutions[2].code
    with Sandbox(measure="instructions", workers=2) as sb:
        first, second, slow_cost = (ev.cost for ev in sb.evaluate_many([(p, fast), (p, fast), (p, slow)]))
    assert first.mode == "instructions" and first.instructions == second.instructions > 0
    assert slow_cost.instructions > 20 * first.instructions
    assert first.time_cv == 0.0 and first.metric("time") == first.instructions



def _burners(cpu: int, count: int) -> list[subprocess.Popen]:
    """Busy processes pinned to one CPU: a machine too busy to give a child its share."""
    code = f"import os\nos.sched_setaffinity(0, {{{cpu}}})\nwhile True:\n    pass\n"
    # Each in a session of its own: the kernel shares a CPU between sessions (autogroups) first.
    return [subprocess.Popen([sys.executable, "-c", code], start_new_session=True) for _ in range(count)]


SPIN = ("import time\ndef solve(xs):\n    end = time.process_time() + 0.45\n"
        "    while time.process_time() < end:\n        pass\n    return sum(xs)\n")
SLEEP = "import time\ndef solve(xs):\n    time.sleep(30)\n    return sum(xs)\n"


@pytest.mark.skipif(not os.path.exists("/proc/self/schedstat"), reason="the kernel keeps no run-queue times")
def test_a_child_starved_by_a_busy_machine_is_not_charged_a_time_limit(monkeypatch):
    # SPIN needs ~0.45 s of CPU under a 0.6 s limit, whose wall deadline is 1.7 s. Sharing one CPU with
    # six busy processes it gets ~1/7 of it, so it passes that deadline while runnable: a busy machine,
    # not slow code. A sleeping child is stopped at the deadline all the same.
    from burner_env.sandbox import executor

    cpu, original = min(os.sched_getaffinity(0)), os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu})  # the sandbox's zygote and children inherit it
    burners = _burners(cpu, 6)
    try:
        with Sandbox(limits=Limits(time_s=0.6, memory_mb=256), measure="none") as sandbox:
            assert sandbox.evaluate(problem(), SPIN).verdict == "accepted"
            start = time.monotonic()
            assert sandbox.evaluate(problem(), SLEEP).verdict == "time_limit"
            assert time.monotonic() - start < 10
            monkeypatch.setattr(executor, "_STARVED_DEADLINE_FACTOR", 1)  # the plain wall deadline
            assert sandbox.evaluate(problem(), SPIN).verdict == "time_limit"
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
        os.sched_setaffinity(0, original)
