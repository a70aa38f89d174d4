"""Venus (the Afterburner paper's dataset, ``Elfsong/Venus`` on Hugging Face), Python subset.

A Venus record is a LeetCode problem judged through standard input and output:

* ``test_case_runners`` is a Python program holding the line ``==Code Submission==``. The
  submitted ``class Solution`` replaces that line; the program then reads one test's input from
  stdin, calls the solution and prints the serialised answer. Runners carry no imports: the
  harnesses that produced and verified them put a block of imports in front (see ``_leetcode``).
* ``test_cases`` is JSON text: a list of ``{"input": str, "output": str}``; ``input`` is fed to
  stdin and ``output`` is the expected stdout.
* ``test_case_evaluator`` defines ``evaluate(expected_output, program_output) -> bool``, which the
  Venus harness calls with the expected text and the program's raw stdout, in that order.
* ``solutions`` are human LeetCode solutions with ``passed``, ``time`` (ms), ``memory`` (KB) and
  ``integral`` (ms x KB) measured by the authors' sandbox.

It maps to an ``io="stdin"`` problem whose ``runner`` is our import block plus the dataset's
runner with ``{{SUBMISSION}}`` in place of the marker, whose tests are the dataset's test cases, and
whose checker is custom: the dataset's evaluator, run by the sandbox in a child process. Passing
solutions become reference solutions ``venus-<index>``; their recorded costs stay in
``metadata["recorded_costs"]`` (measured elsewhere, so never mixed with this machine's costs).
``test_case_generator`` is kept in metadata; it makes ordinary random cases, not the large inputs
our efficiency tests need.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from burner_env.problems.loaders import _convert as field
from burner_env.problems.loaders._convert import FieldError, build_problems
from burner_env.problems.loaders._files import iter_records
from burner_env.problems.loaders._leetcode import PRELUDE, isolated_checker
from burner_env.problems.model import RUNNER_PLACEHOLDER, Problem

DATASET = "venus"
SUBMISSION_MARKER = "==Code Submission=="
LANGUAGE = "python3"
DIFFICULTIES = {"easy": "easy", "medium": "medium", "hard": "hard"}
COST_UNITS = {"time": "ms", "memory": "KB", "integral": "ms*KB"}


def load_venus(path: str | Path, *, on_error: str = "raise") -> list[Problem]:
    """Load Venus records from a local file or folder (JSONL, JSON, Parquet, Arrow, saved dataset)."""
    return build_problems(DATASET, iter_records(Path(path)), venus_to_native, venus_record_id,
                          on_error, source=str(path))


def venus_record_id(record: Mapping) -> str:
    return str(record["problem_id"])


def venus_to_native(record: Mapping) -> dict:
    """Map one Venus record to a native problem record (raises ``FieldError`` naming the field)."""
    problem_id = record.get("problem_id")
    if problem_id is None or isinstance(problem_id, bool) or str(problem_id).strip() == "":
        raise FieldError("problem_id", "is required")
    runner = _runner(_per_language(record, "test_case_runners"))
    evaluator = field.code(record, "test_case_evaluator")
    if "evaluate" not in _top_level_functions(evaluator):
        raise FieldError("test_case_evaluator", "must define evaluate(expected_output, program_output)")
    solutions, recorded, failed = _solutions(record)
    generator = field.text(record, "test_case_generator", required=False)
    return {
        "id": f"venus-{field.slug(problem_id)}",
        "title": field.text(record, "title", required=False) or f"Venus {problem_id}",
        "statement": field.text(record, "question_content"),
        "io": "stdin",
        "starter_code": _per_language(record, "code_prompt", required=False),
        "runner": runner,
        "tests": _tests(record),
        "checker": {"kind": "custom",
                    "code": isolated_checker(evaluator,
                                             "return bool(_judge['evaluate'](expected, actual))")},
        "difficulty": field.difficulty(record, "difficulty", DIFFICULTIES),
        "tags": field.string_list(record, "tags"),
        "solutions": solutions,
        "metadata": {
            "dataset": DATASET,
            "dataset_id": problem_id,
            "recorded_costs": {"measured_by": "the Venus authors' sandbox, not this machine",
                               "units": COST_UNITS, "solutions": recorded},
            "failed_solutions": failed,
            **({"test_case_generator": generator} if generator else {}),
        },
    }


def _per_language(record: Mapping, name: str, required: bool = True) -> str:
    """Venus stores one language's text; its source table (leetcode_data) a dict per language."""
    value = record.get(name)
    if isinstance(value, Mapping):
        value = value.get(LANGUAGE)
    if value is None:
        if required:
            raise FieldError(name, f"is required (for {LANGUAGE})")
        return ""
    if not isinstance(value, str):
        raise FieldError(name, f"must be a string, got {type(value).__name__}")
    return value


def _runner(source: str) -> str:
    if SUBMISSION_MARKER not in source:
        raise FieldError("test_case_runners", f"has no {SUBMISSION_MARKER!r} line for the submission")
    # The marker stands on its own line at module level (the runners were generated and checked
    # that way); normalise any stray text around it as the dataset's own tooling does.
    lines = [RUNNER_PLACEHOLDER if SUBMISSION_MARKER in line else line for line in source.splitlines()]
    body = "\n".join(lines)
    field.check_parses(body.replace(RUNNER_PLACEHOLDER, "pass"), "test_case_runners")
    return f"{PRELUDE}\n{body}\n"


def _top_level_functions(source: str) -> set[str]:
    return {node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}


def _tests(record: Mapping) -> list[dict]:
    cases = field.json_value(record, "test_cases")
    if not isinstance(cases, list) or not cases:
        raise FieldError("test_cases", "must be a non-empty JSON list of {input, output}")
    tests = []
    for index, case in enumerate(cases):
        if not (isinstance(case, Mapping) and isinstance(case.get("input"), str)
                and isinstance(case.get("output"), str)):
            raise FieldError(f"test_cases[{index}]", "must be an object with string 'input' and 'output'")
        tests.append({"stdin": case["input"], "expected": case["output"]})
    return tests


def _solutions(record: Mapping) -> tuple[list[dict], dict[str, dict], int]:
    raw = record.get("solutions") or []
    if not isinstance(raw, list):
        raise FieldError("solutions", "must be a list of {code, passed, time, memory, integral}")
    solutions: list[dict] = []
    recorded: dict[str, dict[str, Any]] = {}
    seen_code: set[str] = set()
    failed = 0
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping) or not isinstance(item.get("code", ""), str):
            raise FieldError(f"solutions[{index}]", "must be an object with a 'code' string")
        code = item.get("code") or ""
        # Only solutions the authors saw pass are references; failed ones may be empty or wrong.
        if item.get("passed") is not True or not code.strip():
            failed += 1
            continue
        if code in seen_code:
            continue
        seen_code.add(code)
        label = f"venus-{index}"
        solutions.append({"label": label, "code": code})
        recorded[label] = {name: field.finite_or_none(item.get(name)) for name in COST_UNITS}
    return solutions, recorded, failed
