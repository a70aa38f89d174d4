"""Problems with a dataset check (``Problem.check``): the form, its errors, and how the sandbox judges
it — the check runs in the child, beside the submission, and its answer crosses as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from burner_env.problems import Problem, ProblemFormatError
from burner_env.problems.model import CHECK_ENTRY

CHECK = """
import random


def check(candidate):
    assert candidate(2, 3) == 5
    for _ in range(20):
        x, y = random.randint(0, 99), random.randint(0, 99)
        assert candidate(x, y) == x + y
"""
RECORD = {
    "id": "Dataset/7", "statement": "Add two numbers.", "io": "function", "entry_point": "add",
    "tests": [{"args": [1, 1], "expected": 2}, {"check": True}],
    "check": CHECK,
    "solutions": [{"label": "canonical", "code": "def add(x, y):\n    return x + y\n"}],
}


def problem(**changes) -> Problem:
    return Problem.from_dict({**RECORD, **changes})


def run_harness(code: str, *args):
    """The program the sandbox runs, executed here on our own code to see what its harness answers."""
    namespace: dict = {}
    exec(compile(problem().program(code), "<solution>", "exec"), namespace)
    return namespace[CHECK_ENTRY](*args)


def test_the_form_round_trips_and_names_the_harness_entry():
    p = problem()
    assert p.tests[-1].check and p.tests[-1].args == () and p.tests[-1].expected is True
    assert p.harness_entry == CHECK_ENTRY and problem(check=None, tests=[{"args": [1, 1], "expected": 2}]
                                                      ).harness_entry == "add"
    record = p.to_dict()
    assert record["check"] == CHECK and record["tests"][-1] == {"check": True}
    assert Problem.from_dict(record) == p


def test_the_harness_calls_the_entry_point_or_runs_the_check():
    assert run_harness("def add(x, y):\n    return x + y\n", 4, 5) == 9
    assert run_harness("def add(x, y):\n    return x + y\n") is True
    # A failure is data naming the line of the check that failed.
    assert run_harness("def add(x, y):\n    return x + y if x < 50 else 0\n") == \
        "check failed: AssertionError at 'assert candidate(x, y) == x + y'"
    # The check's own names (check, random) never replace the submission's.
    own_check = "def check(x):\n    return x\n\ndef add(x, y):\n    return check(x) + y\n"
    assert run_harness(own_check) is True and run_harness(own_check, 1, 2) == 3


@pytest.mark.parametrize("changes, field, reason", [
    ({"io": "stdin", "tests": [{"check": True}]}, "check", "is for io 'function' only"),
    ({"check": "x = 1"}, "check", "must be code that defines check(candidate)"),
    ({"check": "def check(candidate):\n    assert (\n"}, "check", "does not compile"),
    ({"tests": [{"args": [1, 1], "expected": 2}]}, "tests", "needs the check test"),
    ({"tests": [{"check": True, "args": []}]}, "tests[0]", 'exactly {"check": true}'),
    ({"check": None}, "tests[1]", "the problem has no 'check' code"),
    ({"tests": [{"args": [], "expected": 0}, {"check": True}]}, "tests[0].args", "without arguments"),
])
def test_malformed_checks_name_the_field(changes, field, reason):
    with pytest.raises(ProblemFormatError) as caught:
        problem(**changes)
    assert caught.value.field == field and reason in caught.value.reason


# --- judged by the sandbox --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox():
    from burner_env.sandbox import Sandbox

    with Sandbox(measure="none") as box:
        yield box


def test_the_sandbox_runs_the_check_in_the_child(sandbox):
    p = problem()
    assert sandbox.evaluate(p, p.solutions[0].code).verdict == "accepted"
    wrong = sandbox.evaluate(p, "def add(x, y):\n    return x + y if x < 50 else 0\n")
    assert wrong.verdict == "wrong_answer" and "assert candidate(x, y) == x + y" in wrong.message
    # The data tests still come first and are judged in the parent.
    assert sandbox.evaluate(p, "def add(x, y):\n    return 3\n").tests[0].verdict == "wrong_answer"


def test_the_check_is_only_as_strong_as_the_child(sandbox):
    """The weakness docs/DATASETS.md states: code beside the check can defeat it (here by answering
    with an object equal to everything), while a data test, compared in the parent, cannot be."""
    cheat = ("class Anything:\n    def __eq__(self, other):\n        return True\n\n"
             "def add(x, y):\n    return Anything()\n")
    only_check = problem(tests=[{"check": True}])
    assert sandbox.evaluate(only_check, cheat).verdict == "accepted"
    assert sandbox.evaluate(problem(), cheat).verdict == "wrong_answer"


def test_the_schema_describes_the_form():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent / "docs" / "problem.schema.json").read_text())
    jsonschema.validate(problem().to_dict(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**RECORD, "io": "stdin"}, schema)
