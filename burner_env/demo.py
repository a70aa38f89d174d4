"""The README's demo: reference solutions and hostile submissions through the sandbox, then the offline
model through the Iterative Optimization Framework on three built-in problems (``burner iof``)."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable

from burner_env.problems import Problem
from burner_env.sandbox import Sandbox

SAMPLE_PROBLEM = {
    "id": "pair-sum-count",
    "title": "Count pairs with a given sum",
    "statement": "Return how many index pairs i < j have xs[i] + xs[j] == target.",
    "io": "function",
    "entry_point": "count_pairs",
    "tests": [
        {"args": [[1, 2, 3, 4], 5], "expected": 2},
        {"args": [[], 0], "expected": 0},
        {"args": [[2, 2, 2], 4], "expected": 3},
        {"args": [[-1, 1, 0, 0], 0], "expected": 2},
    ],
    "efficiency": {
        "generator": (
            "def generate(rng):\n"
            "    return [{'args': [[rng.randint(-500, 500) for _ in range(1500)], 7]}]\n"
        ),
        "seed": 1,
    },
    "solutions": [
        {"label": "hash map", "complexity": "O(n)", "time_class": 1, "code": (
            "def count_pairs(xs, target):\n"
            "    seen, pairs = {}, 0\n"
            "    for x in xs:\n"
            "        pairs += seen.get(target - x, 0)\n"
            "        seen[x] = seen.get(x, 0) + 1\n"
            "    return pairs\n")},
        {"label": "sort + two pointers", "complexity": "O(n log n)", "time_class": 2, "code": (
            "def count_pairs(xs, target):\n"
            "    from collections import Counter\n"
            "    counts = sorted(Counter(xs).items())\n"
            "    i, j, pairs = 0, len(counts) - 1, 0\n"
            "    while i <= j:\n"
            "        s = counts[i][0] + counts[j][0]\n"
            "        if s < target:\n"
            "            i += 1\n"
            "        elif s > target:\n"
            "            j -= 1\n"
            "        else:\n"
            "            c = counts[i][1]\n"
            "            pairs += c * (c - 1) // 2 if i == j else c * counts[j][1]\n"
            "            i, j = i + 1, j - 1\n"
            "    return pairs\n")},
        {"label": "brute force", "complexity": "O(n^2)", "time_class": 3, "code": (
            "def count_pairs(xs, target):\n"
            "    n = len(xs)\n"
            "    return sum(1 for i in range(n) for j in range(i + 1, n) if xs[i] + xs[j] == target)\n")},
    ],
}

HOSTILE_SUBMISSIONS = {
    "forged success + os._exit(0)": (
        "import os\ndef count_pairs(xs, t):\n    print('Success')\n    os._exit(0)\n"),
    "always-equal object": (
        "class Yes:\n    def __eq__(self, other):\n        return True\n"
        "def count_pairs(xs, t):\n    return Yes()\n"),
    "int subclass": "class Sneaky(int):\n    pass\ndef count_pairs(xs, t):\n    return Sneaky(2)\n",
    "fork bomb": "import os\ndef count_pairs(xs, t):\n    while True:\n        os.fork()\n",
    "open a socket": (
        "import socket\ndef count_pairs(xs, t):\n    socket.socket().connect(('127.0.0.1', 80))\n"),
    "read /etc/passwd": "def count_pairs(xs, t):\n    return len(open('/etc/passwd').read())\n",
    "kill the parent": "import os\ndef count_pairs(xs, t):\n    os.kill(os.getppid(), 9)\n",
    "infinite loop": "def count_pairs(xs, t):\n    while True:\n        pass\n",
    "memory bomb": "def count_pairs(xs, t):\n    return len(bytearray(10 ** 11))\n",
    "print 1 GiB": "def count_pairs(xs, t):\n    for _ in range(2 ** 14):\n        print('x' * 65536)\n",
}


# The hostile-submission table: name, verdict and seconds, then the message, wrapped at this width.
MESSAGE_WIDTH = 70
_MESSAGE_COLUMN = 32 + 1 + 18 + 1 + 8 + 2


def message_lines(message: str, width: int = MESSAGE_WIDTH) -> list[str]:
    """The last line of a verdict's message, wrapped at word boundaries (a word is never cut)."""
    last = message.strip().splitlines()[-1] if message.strip() else ""
    return textwrap.wrap(last, width, break_long_words=False, break_on_hyphens=False) or [""]


IOF_DEMO_ARGUMENTS = ["iof", "--model", "smollm2", "--problems", "h_index,jump_game_ii,meeting_rooms_min",
                      "--iterations", "1", "--initial-code", "reference", "--max-new-tokens", "256",
                      "--measure", "instructions", "--feedback", "ranks", "--threads", "1", "--out", "runs/demo-iof"]
"""The demo's IOF run: the offline model on three built-in problems, first attempt + one refinement.

Reproducible: greedy decoding turns any change in the prompt into another answer, so nothing the model
sees may depend on a noisy reading. Costs are exact instruction counts (``--measure instructions``: the
same code counts the same, whatever the load) and the feedback states them only as ranks among the
reference solutions (``--feedback ranks``: no counts, no profile), so two runs see the same prompts, write
the same code and print the same table. Counting runs under valgrind, 50-100x slower than a native run,
and every reference solution of a problem is counted before the first rank: the three problems are
well-known ones whose references are among the suite's cheapest to count (two_sum's brute force alone
takes minutes).

One torch thread: on this project's shared 2-core machine, two threads generated about 8x slower than one
(benchmarks/generation.py, docs/BENCHMARKS.md), because the second thread waits on a busy core."""


def run_iof_demo(run_command: Callable[[list[str]], int]) -> int:
    """``burner iof`` with :data:`IOF_DEMO_ARGUMENTS`, run by ``run_command`` (the CLI's ``main``, passed in by
    the CLI that imports this module); skipped with a note when torch is not installed."""
    import importlib.util

    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None:
        print("\nIOF demo skipped: it needs the agents extra (pip install 'burner-env[agents]').")
        return 0
    print("\nIOF: SmolLM2-135M-Instruct (offline) improves reference solutions of three built-in problems "
          f"(burner {' '.join(IOF_DEMO_ARGUMENTS)})")
    return run_command(IOF_DEMO_ARGUMENTS)


def run_demo(run_command: Callable[[list[str]], int]) -> int:
    """The sandbox tables, then the IOF run through ``run_command`` (``burner_env.cli.main``)."""
    problem = Problem.from_dict(SAMPLE_PROBLEM)
    print(f"problem: {problem.id} — {problem.title}\n")
    with Sandbox(measure="cpu", repeats=5) as sandbox:
        print(f"{'reference solution':<24} {'class':<12} {'verdict':<18} {'CPU ms':>9} {'peak MiB':>9}"
              f" {'MiB·ms':>9} {'CV':>6}")
        for solution in problem.solutions:
            ev = sandbox.evaluate(problem, solution.code)
            cost = ev.cost
            print(f"{solution.label:<24} {solution.complexity:<12} {ev.verdict:<18} "
                  f"{cost.cpu_ms:>9.2f} {cost.memory_mb:>9.2f} {cost.integral_mb_ms:>9.2f} "
                  f"{cost.time_cv:>6.1%}")
        print(f"\n{'hostile submission':<32} {'verdict':<18} {'seconds':>8}  message")
        for name, code in HOSTILE_SUBMISSIONS.items():
            started = time.perf_counter()
            ev = sandbox.evaluate(problem, code)
            first, *rest = message_lines(ev.message)
            print(f"{name:<32} {ev.verdict:<18} {time.perf_counter() - started:>8.3f}  {first}")
            for line in rest:
                print(" " * _MESSAGE_COLUMN + line)
    return run_iof_demo(run_command)
