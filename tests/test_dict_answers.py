"""Dict answers: the standard library's dict types cross the sandbox as plain dicts (a user's dict
class does not), and dicts with keys that are not strings can be written in the native format."""

from __future__ import annotations

import json
from collections import Counter, OrderedDict, defaultdict
from pathlib import Path

import pytest

from burner_env.problems import Problem
from burner_env.problems.model import from_json_value, to_json_value
from burner_env.sandbox import _codec

DOCS = Path(__file__).parent.parent / "docs"


@pytest.mark.parametrize("value", [Counter("abca"), defaultdict(int, a=2, b=1, c=1),
                                   OrderedDict([("a", 2), ("b", 1), ("c", 1)])])
def test_standard_dict_types_cross_as_plain_dicts(value):
    decoded = _codec.decode(_codec.encode(value))
    assert type(decoded) is dict and decoded == {"a": 2, "b": 1, "c": 1}


def test_derived_dict_classes_stay_refused():
    class Hostile(Counter):
        def __eq__(self, other):
            return True

    class Mine(dict):
        pass

    for value in (Hostile(a=1), Mine(a=1)):
        with pytest.raises(_codec.EncodingRefused, match="cannot leave the sandbox"):
            _codec.encode(value)


def test_entries_are_read_from_the_dict_itself_not_its_class_methods():
    # A class attribute the code replaced is not what encoding reads (the child could patch Counter).
    counts = Counter(a=1)
    counts.items = lambda: [("forged", 1)]  # an instance attribute, standing in for a patched method
    assert _codec.decode(_codec.encode(counts)) == {"a": 1}


def test_output_budget_counts_standard_dicts():
    with pytest.raises(_codec.OutputTooLarge):
        _codec.to_tagged(Counter(range(100)), max_items=50)


def test_the_sandbox_accepts_a_counter_for_a_dict():
    from burner_env.sandbox import Sandbox

    problem = Problem.from_dict({"id": "letter-counts", "statement": "Count letters.", "io": "function",
                                 "entry_point": "counts", "tests": [{"args": ["abca"],
                                                                     "expected": {"a": 2, "b": 1, "c": 1}}]})
    subclass = ("from collections import Counter\nclass C(Counter):\n    pass\n"
                "def counts(s):\n    return C(s)\n")
    with Sandbox(measure="none") as box:
        assert box.evaluate(problem, "from collections import Counter\ndef counts(s):\n"
                                     "    return Counter(s)\n").verdict == "accepted"
        assert box.evaluate(problem, subclass).verdict == "wrong_answer"


@pytest.mark.parametrize("value", [{5: "banana", "p": "pineapple"}, {(1, 2): [3]}, {"$tuple": [1]},
                                   {None: {True: 1.5}}])
def test_dicts_json_cannot_hold_round_trip_with_the_dict_tag(value):
    written = json.loads(json.dumps(to_json_value(value)))
    assert "$dict" in written and from_json_value(written) == value


def test_a_problem_with_integer_keys_reads_back_and_follows_the_schema():
    record = {"id": "pick", "statement": "Pick.", "io": "function", "entry_point": "pick",
              "tests": [{"args": [{"$dict": [[5, "b"], ["p", "q"]]}], "expected": {"$dict": [[1, True]]}}]}
    problem = Problem.from_dict(record)
    assert problem.tests[0].args == ({5: "b", "p": "q"},) and problem.tests[0].expected == {1: True}
    written = json.loads(json.dumps(problem.to_dict()))
    assert Problem.from_dict(written) == problem
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(written, json.loads((DOCS / "problem.schema.json").read_text()))


def test_a_malformed_dict_tag_names_the_test():
    record = {"id": "pick", "statement": "Pick.", "io": "function", "entry_point": "pick",
              "tests": [{"args": [{"$dict": [[[1], "b"]]}], "expected": 1}]}
    with pytest.raises(ValueError, match=r"field 'tests\[0\]'.*'\$dict'"):
        Problem.from_dict(record)
