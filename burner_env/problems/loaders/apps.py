"""APPS (``codeparrot/apps`` on Hugging Face), and the Afterburner authors' re-measured variant.

``codeparrot/apps`` records hold ``problem_id``, ``question``, ``solutions`` (JSON text: a list of
source strings, or empty), ``input_output`` (JSON text: ``{"inputs": [...], "outputs": [...]}``
with an optional ``fn_name``), ``difficulty`` (introductory / interview / competition), ``url`` and
``starter_code``.

* Without ``fn_name`` a problem reads stdin and writes stdout: ``io="stdin"``, each input is the
  stdin text and each output the expected stdout (lists of lines are joined with newlines). The
  sandbox compares whitespace-separated tokens line by line, close to APPS's lenient comparison.
* With ``fn_name`` it is call-based: ``io="class"`` with entry ``Solution.<fn_name>`` when the
  starter code defines ``class Solution``, otherwise ``io="function"``. Each input is the list of
  positional arguments. APPS's judge compares with Python ``==`` after turning a returned tuple
  into a list, and also accepts the output when it equals the *first element* of the expected
  list (many expected outputs are wrapped in a one-element list). That rule needs the output, so
  these problems get a small custom checker doing exactly that comparison (in the sandbox).

The Afterburner variant (records with ``problem_content``, ``code_prompt`` and ``test_cases`` =
JSON ``[{"input", "output"}]``, stdin problems only) keeps the authors' measured solutions: those
that passed become references and their recorded time/memory/integral go to metadata.

APPS's human solutions are not all correct; calibration runs them and keeps the ones that pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from burner_env.problems.loaders import _convert as field
from burner_env.problems.loaders._convert import FieldError, build_problems
from burner_env.problems.loaders._files import iter_records
from burner_env.problems.model import Problem

DATASET = "apps"
DIFFICULTIES = {"introductory": "easy", "interview": "medium", "competition": "hard"}
COST_UNITS = {"time": "ms", "memory": "KB", "integral": "ms*KB"}

# APPS's call-based comparison, run in the sandbox: JSON-normalising the output turns tuples into
# lists and non-string dict keys into strings, as the expected values (decoded JSON) already are.
CALL_BASED_CHECKER = """\
import json


def check(expected, actual):
    try:
        actual = json.loads(json.dumps(actual))
    except (TypeError, ValueError):
        return False
    if actual == expected:
        return True
    return isinstance(expected, list) and len(expected) > 0 and actual == expected[0]
"""


def load_apps(path: str | Path, *, on_error: str = "raise") -> list[Problem]:
    """Load APPS records from a local file or folder (JSONL, JSON, Parquet, Arrow, saved dataset)."""
    return build_problems(DATASET, iter_records(Path(path)), apps_to_native, apps_record_id,
                          on_error, source=str(path))


def apps_record_id(record: Mapping) -> str:
    return str(record["problem_id"])


def apps_to_native(record: Mapping) -> dict:
    """Map one APPS record (either shape) to a native problem record."""
    problem_id = record.get("problem_id")
    if problem_id is None or isinstance(problem_id, bool) or str(problem_id).strip() == "":
        raise FieldError("problem_id", "is required")
    if "input_output" in record or "question" in record:
        return _codeparrot(record, problem_id)
    if "test_cases" in record and "problem_content" in record:
        return _afterburner(record, problem_id)
    raise FieldError("input_output", "is required (or 'test_cases' with 'problem_content' for the "
                                     "Afterburner variant)")


def _codeparrot(record: Mapping, problem_id: Any) -> dict:
    io_spec = field.json_value(record, "input_output")
    if not isinstance(io_spec, Mapping):
        raise FieldError("input_output", "must be a JSON object with 'inputs' and 'outputs'")
    inputs, outputs = io_spec.get("inputs"), io_spec.get("outputs")
    if not isinstance(inputs, list) or not isinstance(outputs, list) or not inputs:
        raise FieldError("input_output", "must hold non-empty 'inputs' and 'outputs' lists")
    if len(inputs) != len(outputs):
        raise FieldError("input_output", f"has {len(inputs)} inputs but {len(outputs)} outputs")
    starter = field.text(record, "starter_code", required=False)
    fn_name = io_spec.get("fn_name")
    native: dict[str, Any] = {
        "id": f"apps-{field.slug(problem_id)}",
        "title": f"APPS {problem_id}",
        "statement": field.text(record, "question"),
        "starter_code": starter,
        "difficulty": field.difficulty(record, "difficulty", DIFFICULTIES),
        "solutions": _plain_solutions(record),
        "metadata": {"dataset": DATASET, "dataset_id": problem_id,
                     "url": field.text(record, "url", required=False),
                     "apps_difficulty": record.get("difficulty")},
    }
    if fn_name is None:
        native["io"] = "stdin"
        native["tests"] = [{"stdin": _as_text(item, f"input_output.inputs[{i}]"),
                            "expected": _as_text(outputs[i], f"input_output.outputs[{i}]")}
                           for i, item in enumerate(inputs)]
        return native
    if not isinstance(fn_name, str) or not fn_name.isidentifier():
        raise FieldError("input_output.fn_name", f"must be a function name; got {fn_name!r}")
    is_class = "class Solution" in starter
    native["io"] = "class" if is_class else "function"
    native["entry_point"] = f"Solution.{fn_name}" if is_class else fn_name
    tests = []
    for index, args in enumerate(inputs):
        if not isinstance(args, list):
            raise FieldError(f"input_output.inputs[{index}]", "call-based inputs must be argument lists")
        tests.append({"args": args, "expected": outputs[index]})
    native["tests"] = tests
    native["checker"] = {"kind": "custom", "code": CALL_BASED_CHECKER}
    return native


def _as_text(value: Any, where: str) -> str:
    """Stdin tests are text; a few APPS records store them as lists of lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    raise FieldError(where, "must be a string (or a list of lines) for a stdin problem")


def _plain_solutions(record: Mapping) -> list[dict]:
    raw = record.get("solutions")
    if raw in (None, ""):  # codeparrot/apps leaves it empty for some problems
        return []
    sources = field.json_value(record, "solutions")
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise FieldError("solutions", "must be a JSON list of source strings")
    unique = list(dict.fromkeys(s for s in sources if s.strip()))
    return [{"label": f"apps-{index}", "code": code} for index, code in enumerate(unique)]


def _afterburner(record: Mapping, problem_id: Any) -> dict:
    cases = field.json_value(record, "test_cases")
    if not isinstance(cases, list) or not cases:
        raise FieldError("test_cases", "must be a non-empty JSON list of {input, output}")
    tests = []
    for index, case in enumerate(cases):
        if not isinstance(case, Mapping):
            raise FieldError(f"test_cases[{index}]", "must be an object with 'input' and 'output'")
        tests.append({"stdin": _as_text(case.get("input"), f"test_cases[{index}].input"),
                      "expected": _as_text(case.get("output"), f"test_cases[{index}].output")})
    solutions, recorded = _measured_solutions(record)
    return {
        "id": f"apps-{field.slug(problem_id)}",
        "title": f"APPS {problem_id}",
        "statement": field.text(record, "problem_content"),
        "io": "stdin",
        "starter_code": field.text(record, "code_prompt", required=False),
        "tests": tests,
        "difficulty": field.difficulty(record, "difficulty", DIFFICULTIES),
        "solutions": solutions,
        "metadata": {"dataset": DATASET, "dataset_id": problem_id,
                     "apps_difficulty": record.get("difficulty"),
                     "recorded_costs": {"measured_by": "the Afterburner authors' sandbox, not this "
                                                       "machine",
                                        "units": COST_UNITS, "solutions": recorded}},
    }


def _measured_solutions(record: Mapping) -> tuple[list[dict], dict[str, dict]]:
    raw = record.get("solutions")
    items = [] if raw in (None, "") else field.json_value(record, "solutions")
    if not isinstance(items, list):
        raise FieldError("solutions", "must be a JSON list of {code, passed, time, memory, integral}")
    solutions, recorded, seen = [], {}, set()
    for index, item in enumerate(items):
        if not isinstance(item, Mapping) or not isinstance(item.get("code", ""), str):
            raise FieldError(f"solutions[{index}]", "must be an object with a 'code' string")
        code = item.get("code") or ""
        if item.get("passed") is not True or not code.strip() or code in seen:
            continue
        seen.add(code)
        label = f"apps-{index}"
        solutions.append({"label": label, "code": code})
        recorded[label] = {name: field.finite_or_none(item.get(name)) for name in COST_UNITS}
    return solutions, recorded
