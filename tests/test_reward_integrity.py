"""Measurement gaming and verdict forging: the honest and the gaming version of one solution, side
by side, with an assertion on the figure a policy would see (verdict, cost).

``tests/test_hostile.py`` is about escapes (the host must come out unharmed); this catalog is
about the *measurement*: a policy that optimises the reward is an adversary of the figures too.
Each test names the defect it guards against (issue "measurement an optimiser cannot game").

Run alone with ``pytest tests/test_reward_integrity.py``; the ``instructions`` tests need valgrind
and Landlock and take a few seconds per evaluation.
"""

from __future__ import annotations

import errno
import glob
import json
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

from burner_env.problems import Problem
from burner_env.problems.loaders.mercury import load_mercury
from burner_env.sandbox import Limits, Sandbox, executor
from burner_env.sandbox._policy import landlock_abi
from burner_env.sandbox.core import canonical_source

FIXTURES = Path(__file__).parent / "fixtures"
needs_callgrind = pytest.mark.skipif(shutil.which("valgrind") is None or landlock_abi() < 1,
                                     reason="instructions mode needs valgrind and Landlock")


def _problem(**record) -> Problem:
    return Problem.from_dict({"id": "integrity", "statement": "integrity", "io": "function",
                              "entry_point": "solve", **record})


def _code(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


SUM = _problem(tests=[{"args": [list(range(2000))], "expected": sum(range(2000))}])
HONEST_SUM = _code("""
    def solve(xs):
        total = 0
        for x in xs:
            total += x
        return total
""")


@pytest.fixture(scope="module")
def exact():
    with Sandbox(limits=Limits(time_s=2.0, memory_mb=512), measure="instructions") as box:
        yield box


@pytest.fixture(scope="module")
def timed():
    with Sandbox(limits=Limits(time_s=2.0, memory_mb=512), measure="cpu", repeats=5) as box:
        yield box


@pytest.fixture(scope="module")
def plain():
    with Sandbox(limits=Limits(time_s=2.0, memory_mb=512), measure="none") as box:
        yield box


@pytest.fixture
def timed_with_ctypes(monkeypatch):
    """Children that have ctypes, as in the hostile catalog: to show that the *measurement* holds
    even where a submission reaches the memory system calls."""
    monkeypatch.setattr(executor, "ZYGOTE_TEST_ARGS", ("--preimport-ctypes-for-tests",))
    with Sandbox(limits=Limits(time_s=2.0, memory_mb=512), measure="cpu", repeats=5) as box:
        yield box


# --- 1. the counted run is judged ------------------------------------------------------------------


@needs_callgrind
def test_a_program_that_recognises_the_counted_run_is_judged_there(exact):
    # Instrumented, a loop takes ~50x the CPU time it takes natively: a program can tell. A
    # constant answer in the slow run used to cost 4M instead of 226M instructions.
    gaming = _code("""
        import time
        def solve(xs):
            started = time.process_time()
            for _ in range(100_000):
                pass
            if time.process_time() - started > 0.04:
                return 0
            total = 0
            for x in xs:
                total += x
            return total
    """)
    honest, gamed = exact.evaluate(SUM, HONEST_SUM), exact.evaluate(SUM, gaming)
    assert honest.verdict == "accepted" and honest.cost.instructions > 0
    assert gamed.verdict == "wrong_answer" and "in the counted run" in gamed.message and gamed.cost is None


# --- 2. no machine code of the submission's own ----------------------------------------------------

NO_FOREIGN_CODE = _code("""
    import sys
    def solve(xs):
        loaded = sorted(name for name in sys.modules if "ctypes" in name or name in ("_policy", "pyseccomp"))
        def subclasses(cls, seen):
            for sub in type.__subclasses__(cls):
                if sub not in seen:
                    seen.add(sub)
                    subclasses(sub, seen)
            return seen
        foreign = sorted({c.__module__ for c in subclasses(object, set()) if "ctypes" in str(c.__module__)})
        return [loaded, foreign, sum(xs)]
""")


def test_children_have_no_foreign_function_interface(plain):
    # With ctypes, a submission writes any byte of its memory: callgrind's counters, CALLGRIND_TOGGLE_COLLECT
    # from a page it maps executable (16.8G → 4.8M instructions), the allocator's state.
    problem = _problem(tests=[{"args": [[1, 2]], "expected": [[], [], 3]}])
    assert plain.evaluate(problem, NO_FOREIGN_CODE).verdict == "accepted"
    for attack in ("import ctypes", "import _ctypes", "__import__('ctypes.util')"):
        gamed = plain.evaluate(problem, f"{attack}\ndef solve(xs):\n    return [[], [], 3]\n")
        assert gamed.verdict == "runtime_error" and "No module named" in gamed.message


@needs_callgrind
def test_the_counted_run_has_no_foreign_function_interface_either(exact):
    problem = _problem(tests=[{"args": [[1, 2]], "expected": [[], [], 3]}])
    evaluation = exact.evaluate(problem, NO_FOREIGN_CODE)
    assert evaluation.verdict == "accepted", evaluation.message


@pytest.mark.parametrize("forgery", [
    "solve.__code__.replace(co_code=solve.__code__.co_code)",
    "solve.__code__.replace(co_consts=(None, 2))",
    "__import__('marshal').loads(__import__('marshal').dumps(solve.__code__))",
])
def test_bytecode_cannot_be_forged(plain, forgery):
    # CPython does not verify bytecode: a forged code object reads and writes arbitrary memory.
    problem = _problem(tests=[{"args": [1], "expected": 1}])
    assert plain.evaluate(problem, "def solve(a):\n    return a\n").verdict == "accepted"
    gamed = plain.evaluate(problem, f"def solve(a):\n    {forgery}\n    return a\n")
    assert gamed.verdict == "runtime_error" and "not available in the sandbox" in gamed.message


def test_no_executable_memory_even_with_ctypes(timed_with_ctypes):
    problem = _problem(tests=[{"args": [], "expected": [errno.EPERM, errno.EPERM]}])
    probe = _code("""
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mmap.restype = ctypes.c_void_p
        libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
        libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        def solve():
            failed = []
            executable = libc.mmap(None, 4096, 7, 0x22, -1, 0)  # RWX, private anonymous
            failed.append(ctypes.get_errno() if executable in (None, 2**64 - 1) else 0)
            writable = libc.mmap(None, 4096, 3, 0x22, -1, 0)
            failed.append(ctypes.get_errno() if libc.mprotect(writable, 4096, 5) != 0 else 0)
            return failed
    """)
    assert timed_with_ctypes.evaluate(problem, probe).verdict == "accepted"


# --- 3. a forged count ------------------------------------------------------------------------------


def _counted_folders() -> set[str]:
    """The throwaway folders of counted zygotes (under a private temporary directory: other
    sandboxes on the machine make their own in the real one)."""
    return set(glob.glob(f"{tempfile.gettempdir()}/burner-callgrind-*"))


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


@needs_callgrind
def test_a_forged_instruction_total_is_never_read(exact):
    # Forge valgrind's summary everywhere the child can write, and try every descriptor valgrind
    # might hold (through /proc too); then, in the counted run only, die before valgrind's summary.
    forging = _code("""
        import os, socket, time
        def solve(xs):
            line = b"==%d== Collected : 1\\n" % os.getpid()
            os.write(1, line)
            os.write(2, line)
            for fd in range(5, 2048):  # 0-4 are the harness's: writing there breaks the run natively
                for path in (None, "/proc/self/fd/%d" % fd):
                    try:
                        target = fd if path is None else os.open(path, os.O_WRONLY | os.O_TRUNC)
                        os.write(target, line)
                    except OSError:
                        pass
            started = time.process_time()
            for _ in range(100_000):
                pass
            if time.process_time() - started > 0.04:
                socket.socket()
            return sum(xs)
    """)
    honest, forged = exact.evaluate(SUM, HONEST_SUM), exact.evaluate(SUM, forging)
    assert honest.verdict == "accepted" and honest.cost.instructions > 100_000
    assert forged.verdict == "sandbox_violation" and forged.cost is None
    # Forging without dying: valgrind's own summary still comes last, and a second line is refused.
    survivor = forging.replace("                socket.socket()\n", "                pass\n")
    survived = exact.evaluate(SUM, survivor)
    assert survived.verdict != "accepted" or survived.cost.instructions >= honest.cost.instructions


@needs_callgrind
def test_the_counted_run_can_create_no_file_and_break_nothing(tmp_path, private_tmp):
    target = tmp_path / "written"
    writer = _code(f"""
        import os
        def solve(xs):
            for path in ({str(target)!r}, os.environ.get("TMPDIR", "/tmp") + "/x", "/dev/shm/x"):
                for flags in (os.O_WRONLY | os.O_CREAT, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                              os.O_WRONLY | os.O_TRUNC):
                    try:
                        os.close(os.open(path, flags))
                    except OSError:
                        pass
            return sum(xs)
    """)
    with Sandbox(limits=Limits(time_s=2.0, memory_mb=512), measure="instructions") as exact:
        written = exact.evaluate(SUM, writer)
        assert written.verdict == "accepted", written.message
        assert not target.exists()
        # valgrind's start-up files are unlinked at once; nothing else may appear in its folder.
        assert len(_counted_folders()) == 1
        assert [name for folder in _counted_folders() for name in glob.glob(f"{folder}/*")] == []
        # Closing the control descriptor used to raise BrokenPipeError out of evaluate.
        closer = "import os\ndef solve(xs):\n    os.close(3)\n    return sum(xs)\n"
        closed = exact.evaluate(SUM, closer)
        assert closed.verdict == "runtime_error", closed.message
    assert _counted_folders() == set()


# --- 4. memory below the baseline -------------------------------------------------------------------

ALLOCATES = _problem(tests=[{"args": [8 * 1024 * 1024], "expected": 8 * 1024 * 1024}])
HONEST_ALLOCATION = _code("""
    def solve(n):
        data = bytearray(n)
        for i in range(0, n, 4096):
            data[i] = 1
        return len(data)
""")


def test_dropping_pages_does_not_lower_memory(timed_with_ctypes):
    # madvise(MADV_DONTNEED) on the resident read-only pages of the loaded libraries dropped the
    # reading below the level at the go byte, so the next MiBs of real allocation cost nothing.
    gaming = _code("""
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        def solve(n):
            text = ctypes.cast(libc.printf, ctypes.c_void_p).value & ~0xFFF
            refused = sum(libc.madvise(text + page * 4096, 4096, 4) != 0 for page in range(-512, 512))
            assert refused == 1024, refused
            data = bytearray(n)
            for i in range(0, n, 4096):
                data[i] = 1
            return len(data)
    """)
    honest = timed_with_ctypes.evaluate(ALLOCATES, HONEST_ALLOCATION)
    gamed = timed_with_ctypes.evaluate(ALLOCATES, gaming)
    assert honest.verdict == "accepted" and gamed.verdict == "accepted", gamed.message
    assert honest.cost.memory_mb >= 7.5
    assert gamed.cost.memory_mb >= 0.95 * honest.cost.memory_mb


def test_freeing_the_harness_modules_does_not_hide_an_allocation(timed):
    # Without ctypes, the one way to make room is to free what the interpreter already holds.
    gaming = _code("""
        import gc, sys
        def solve(n):
            for name in ("decimal", "_pydecimal", "typing", "statistics", "fractions", "calendar", "pprint",
                         "graphlib", "pstats", "textwrap", "unicodedata", "datetime", "random", "string"):
                module = sys.modules.pop(name, None)
                if module is not None:
                    module.__dict__.clear()
            gc.collect()
            data = bytearray(n)
            for i in range(0, n, 4096):
                data[i] = 1
            return len(data)
    """)
    honest, gamed = timed.evaluate(ALLOCATES, HONEST_ALLOCATION), timed.evaluate(ALLOCATES, gaming)
    assert honest.verdict == gamed.verdict == "accepted"
    assert gamed.cost.memory_mb >= 0.95 * honest.cost.memory_mb


# --- 5. a wrong answer laundered into internal_error ------------------------------------------------


def test_breaking_the_harness_after_running_is_the_submissions_fault(plain):
    problem = _problem(tests=[{"args": [1], "expected": 2}, {"args": [2], "expected": 3},
                              {"args": [3], "expected": 4}])
    assert plain.evaluate(problem, "def solve(a):\n    return a + 1\n").verdict == "accepted"
    for breaking in ('sys.modules["_codec"].decode = lambda *args: os._exit(0)',
                     'sys.modules["_codec"].decode = None',
                     'sys.modules["_codec"].json = None'):
        code = f"import os, sys\ndef solve(a):\n    {breaking}\n    return a + 1\n"
        evaluation = plain.evaluate(problem, code)
        assert evaluation.verdict not in ("accepted", "internal_error"), (breaking, evaluation)


# --- 6. custom checkers take the question from the parent -------------------------------------------


def test_a_judge_never_sees_an_input_made_up_by_the_submission(plain, tmp_path):
    # A Mercury judge that validates the answer against the question: any pair that sums to target.
    record = {
        "slug_name": "any-pair", "id": 1, "difficulty": "Easy", "pretty_content": ["Return i < j with a[i]+a[j]=t."],
        "prompt": "class Solution:\n    def pair(self, nums, target):\n        pass\n", "entry_point": "pair",
        "solutions": [{"hash": 1, "runtime": "1ms", "solution": "class Solution:\n    def pair(self, nums, target):\n"
                       "        seen = {}\n        for j, x in enumerate(nums):\n            if target - x in seen:\n"
                       "                return [seen[target - x], j]\n            seen[x] = j\n"}],
        "generator_code": "", "convert_offline": "def convert_offline(case):\n    return case\n",
        "evaluate_offline": "def evaluate_offline(inputs, outputs, expected):\n    nums, target = inputs\n"
                            "    i, j = outputs\n    return i < j and nums[i] + nums[j] == target\n",
        "test_cases": json.dumps([{"input": [[3, 9, 4, 1], 5], "expected": [2, 3]}]),
    }
    path = tmp_path / "mercury.jsonl"
    path.write_text(json.dumps(record) + "\n")
    (problem,) = load_mercury(path)
    assert plain.evaluate(problem, problem.solutions[0].code).verdict == "accepted"
    # The runner writes its result with the json module the submission shares: make it report a
    # question of the submission's choosing, for which [0, 1] is right.
    forged = _code("""
        import json
        class Solution:
            def pair(self, nums, target):
                real = json.dumps
                json.dumps = lambda value, *args, **kwargs: real({"outputs": [0, 1], "inputs": [[1, 1], 2]})
                return [0, 1]
    """)
    assert plain.evaluate(problem, forged).verdict == "wrong_answer"


# --- 7. one window, whatever the text ---------------------------------------------------------------


@needs_callgrind
def test_comments_and_whitespace_never_change_a_count(exact):
    noisy = "# " + "a comment that costs nothing " * 70 + "\n\n" + HONEST_SUM.replace("\n", "   \n\n") + "\n\n\n"
    assert canonical_source(noisy) == canonical_source(HONEST_SUM)
    first, second = exact.evaluate(SUM, HONEST_SUM), exact.evaluate(SUM, noisy)
    assert first.verdict == second.verdict == "accepted"
    # Counts repeat to within a few hundred instructions (the zygote's heap differs a little from
    # one fork to the next); the comment used to add 137k, about 20 % here.
    assert abs(first.cost.instructions - second.cost.instructions) <= 1e-3 * first.cost.instructions


def test_compiling_the_code_is_charged(timed):
    # A literal lookup table used to be parsed before the go byte: 300 ms of work for 0.17 ms.
    n = 20_000
    values = [bin(i).count("1") for i in range(n)]
    problem = _problem(tests=[{"args": [[1, 5, n - 1]], "expected": [values[1], values[5], values[n - 1]]}])
    computing = "def solve(qs):\n    return [bin(q).count('1') for q in qs]\n"
    table = f"TABLE = {tuple(values)!r}\ndef solve(qs):\n    return [TABLE[q] for q in qs]\n"
    honest, gamed = timed.evaluate(problem, computing), timed.evaluate(problem, table)
    assert honest.verdict == gamed.verdict == "accepted"
    assert gamed.cost.cpu_ms > 10 * max(honest.cost.cpu_ms, 0.5)


# --- 9. nothing a submission returns raises out of evaluate ------------------------------------------


@pytest.mark.parametrize(("checker", "expected", "returned"), [
    ({"kind": "float"}, 1.0, "10**400"),
    ({"kind": "float"}, [1.0], "[10**400]"),
    ({"kind": "unordered"}, [1, 2], "[{1: 2, 'a': 3}, {(1,): 1, 2: 0}]"),
    ({"kind": "unordered"}, [1, 2], "[1, 'a']"),
    ({"kind": "exact"}, 1, "10**5000"),
])
def test_unorderable_or_huge_outputs_are_wrong_answers(plain, checker, expected, returned):
    problem = _problem(checker=checker, tests=[{"args": [], "expected": expected}])
    assert plain.evaluate(problem, f"def solve():\n    return {returned}\n").verdict == "wrong_answer"


# --- 10 (issue "figures that mean what they say", 1): the integral counts time --------------------


def test_a_slower_program_with_the_same_memory_has_a_larger_integral(timed):
    problem = _problem(tests=[{"args": [300_000], "expected": 300_000}])
    fast = "def solve(n):\n    return n\n"
    slow = "def solve(n):\n    k = 0\n    for _ in range(n):\n        k += 1\n    return k\n"
    quick, slow_ev = timed.evaluate(problem, fast), timed.evaluate(problem, slow)
    assert quick.verdict == slow_ev.verdict == "accepted"
    assert slow_ev.cost.memory_mb < 0.5  # allocates nothing that lasts
    assert slow_ev.cost.cpu_ms > 5 and slow_ev.cost.integral_mb_ms > 10 * slow_ev.cost.cpu_ms * 0.9
    assert slow_ev.cost.integral_mb_ms > quick.cost.integral_mb_ms


# --- 11. datasets whose stdin runner wraps the code ------------------------------------------------


@needs_callgrind
def test_runner_problems_are_counted(exact):
    # The null program used for the baseline crashes inside the runner; its count is still valid.
    with pytest.warns(UserWarning, match="broken-judge"):
        problems = load_mercury(FIXTURES / "mercury.jsonl", on_error="skip")
    problem = next(p for p in problems if p.id == "mercury-pair-sum")
    evaluation = exact.evaluate(problem, problem.solutions[0].code)
    assert evaluation.verdict == "accepted", evaluation.message
    assert evaluation.cost.instructions > 0


# --- the environment: a step never raises for what a submission does --------------------------------


def test_env_step_turns_every_gaming_attempt_into_a_verdict():
    from burner_env.env import CodeEfficiencyEnv

    problem = _problem(id="integrity-env", checker={"kind": "float"},
                       tests=[{"args": [1], "expected": 1.0}, {"args": [2], "expected": 2.0}])
    attempts = {
        "def solve(a):\n    return 10**400\n": "wrong_answer",
        "import os\ndef solve(a):\n    os.close(3)\n    return float(a)\n": None,
        'import os, sys\ndef solve(a):\n    sys.modules["_codec"].decode = None\n    return float(a)\n': None,
        "import ctypes\ndef solve(a):\n    return float(a)\n": "runtime_error",
    }
    with pytest.warns(UserWarning):
        env = CodeEfficiencyEnv(suite=[problem], measure="cpu", repeats=1, max_iterations=len(attempts))
    try:
        env.reset(seed=0)
        for code, verdict in attempts.items():
            _, reward, _, _, info = env.step(f"<solution>\n```python\n{code}```\n</solution>")
            assert info["verdict"] != "internal_error" and (verdict is None or info["verdict"] == verdict)
            assert reward <= 0.0 or info["verdict"] == "accepted"
    finally:
        env.close()
