"""Mercury (``Elfsong/Mercury`` on Hugging Face): LeetCode problems with their own converters and
judges.

A Mercury record holds ``slug_name``, ``id``, ``difficulty``, ``pretty_content`` (a list whose
first item is the statement), ``prompt`` (the ``class Solution`` starter), ``entry_point`` (the
method name), ``solutions`` (``{hash, runtime, solution}`` from LeetCode), ``generator_code``,
``convert_offline``, ``evaluate_offline`` and ``test_cases`` (JSON text: a list of
``{"input": [arguments...], "expected": value}``).

Mercury's harness runs, for each test, ``inputs, expected = convert_offline((input, expected))``
(turning arrays into ``ListNode``/``TreeNode`` with the ``lctk`` toolkit where the problem needs
them), then ``outputs = Solution().<entry_point>(*inputs)`` and finally
``evaluate_offline(inputs, outputs, expected)``, with ``print`` silenced.

Here the child must never see the expected value, so the work is split:

* The problem is ``io="stdin"``. Its ``runner`` puts the submission after our LeetCode imports,
  node classes and lctk helpers, reads the arguments as JSON from stdin, applies
  ``convert_offline((inputs, None))``, calls the method with ``print`` output discarded, and
  writes the outputs (and the possibly mutated inputs, when the judge looks at them) as JSON, with
  lists and trees written as tagged arrays.
* The checker is custom and runs ``evaluate_offline(inputs, outputs, expected)`` in the sandbox on
  the rebuilt objects, so the dataset's judge decides, as in Mercury, but outside the child. The
  ``inputs`` it sees are the child's only for in-place problems (the method returns None: the
  mutated arguments *are* the answer); otherwise they are rebuilt, with ``convert_offline``, from
  the test's own stdin, which the parent holds — a submission cannot hand the judge a question
  of its own making together with an answer to it.

Each test's stdin is ``json.dumps(input)`` and its expected text is ``json.dumps(expected)``.
LeetCode solutions become references ``mercury-<index>``; their LeetCode-reported runtimes go to
``metadata["recorded_runtimes"]``. ``generator_code`` is kept in metadata.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from burner_env.problems.loaders import _convert as field
from burner_env.problems.loaders._convert import FieldError, build_problems
from burner_env.problems.loaders._files import iter_records
from burner_env.problems.loaders._leetcode import NODES, PRELUDE, isolated_checker
from burner_env.problems.model import RUNNER_PLACEHOLDER, Problem

DATASET = "mercury"
DIFFICULTIES = {"easy": "easy", "medium": "medium", "hard": "hard"}

# How node structures cross from the child to the judge: as tagged JSON arrays.
_ENCODER = """\
def _mercury_encode(value):
    if isinstance(value, ListNode):
        return {"__ListNode__": lctk.linkedList2Arr(value)}
    if isinstance(value, TreeNode):
        return {"__TreeNode__": lctk.binaryTree2Arr(value)}
    if isinstance(value, list):
        return [_mercury_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"__tuple__": [_mercury_encode(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {"__set__": [_mercury_encode(item) for item in value]}
    if isinstance(value, dict):
        return {"__dict__": [[_mercury_encode(k), _mercury_encode(v)] for k, v in value.items()]}
    return value
"""

_DECODER = """\
def _mercury_decode(value):
    if isinstance(value, list):
        return [_mercury_decode(item) for item in value]
    if isinstance(value, dict):
        if "__ListNode__" in value:
            return lctk.linkedList(value["__ListNode__"])
        if "__TreeNode__" in value:
            return lctk.binaryTree(value["__TreeNode__"])
        if "__tuple__" in value:
            return tuple(_mercury_decode(item) for item in value["__tuple__"])
        if "__set__" in value:
            return {_mercury_decode(item) for item in value["__set__"]}
        if "__dict__" in value:
            return {_mercury_decode(k): _mercury_decode(v) for k, v in value["__dict__"]}
    return value


def _mercury_result(text):
    result = json.loads(text)
    return _mercury_decode(result.get("inputs")), _mercury_decode(result["outputs"])
"""

_RUNNER_TAIL = """
{convert_offline}


def _mercury_main():
    inputs = json.loads(_mercury_stdin.read())
    inputs, _ = convert_offline((inputs, None))
    outputs = Solution().{entry_point}(*inputs)
    result = {{"outputs": _mercury_encode(outputs)}}
    if {send_inputs}:
        result["inputs"] = _mercury_encode(inputs)
    sys.stdout = _mercury_stdout
    _mercury_stdout.write(json.dumps(result))
    _mercury_stdout.flush()


{encoder}

_mercury_main()
"""

# Before the submission: keep the real streams, and send what solutions print nowhere (Mercury
# silences print) so only the result reaches stdout.
_RUNNER_HEAD = """
import io as _mercury_io
_mercury_stdin, _mercury_stdout = sys.stdin, sys.stdout
sys.stdout = _mercury_io.StringIO()

"""


def load_mercury(path: str | Path, *, on_error: str = "raise") -> list[Problem]:
    """Load Mercury records from a local file or folder (JSONL, JSON, Parquet, Arrow, saved dataset)."""
    return build_problems(DATASET, iter_records(Path(path)), mercury_to_native, mercury_record_id,
                          on_error, source=str(path))


def mercury_record_id(record: Mapping) -> str:
    return field.text(record, "slug_name")


def mercury_to_native(record: Mapping) -> dict:
    """Map one Mercury record to a native problem record (raises ``FieldError`` naming the field)."""
    slug_name = field.text(record, "slug_name")
    entry_point = field.text(record, "entry_point")
    if not entry_point.isidentifier():
        raise FieldError("entry_point", f"must be a method name; got {entry_point!r}")
    convert_offline = _function_source(record, "convert_offline")
    evaluate_offline = _function_source(record, "evaluate_offline")
    judge_reads_inputs = _first_parameter_is_read(evaluate_offline, "evaluate_offline")
    runner = (PRELUDE + NODES + _RUNNER_HEAD + RUNNER_PLACEHOLDER + "\n"
              + _RUNNER_TAIL.format(convert_offline=convert_offline, entry_point=entry_point,
                                    send_inputs=judge_reads_inputs, encoder=_ENCODER))
    judge = NODES + convert_offline + "\n\n" + evaluate_offline + "\n\n" + _DECODER
    check_body = ("inputs, outputs = _judge['_mercury_result'](actual)\n"
                  "if outputs is not None:\n"
                  "    inputs, _ = _judge['convert_offline']((_judge['json'].loads(test_input), None))\n"
                  "return bool(_judge['evaluate_offline'](inputs, outputs, _judge['json'].loads(expected)))")
    solutions, runtimes = _solutions(record)
    generator = field.text(record, "generator_code", required=False)
    return {
        "id": f"mercury-{field.slug(slug_name)}",
        "title": _title(record, slug_name),
        "statement": _statement(record),
        "io": "stdin",
        "starter_code": field.text(record, "prompt", required=False),
        "runner": runner,
        "tests": _tests(record),
        "checker": {"kind": "custom", "code": isolated_checker(judge, check_body, takes_input=True)},
        "difficulty": field.difficulty(record, "difficulty", DIFFICULTIES),
        "solutions": solutions,
        "metadata": {
            "dataset": DATASET,
            "dataset_id": record.get("id", slug_name),
            "entry_point": f"Solution.{entry_point}",
            "recorded_runtimes": {"measured_by": "LeetCode, not this machine", "solutions": runtimes},
            **({"generator_code": generator} if generator else {}),
        },
    }


def _function_source(record: Mapping, name: str) -> str:
    source = field.code(record, name)
    if not any(isinstance(node, ast.FunctionDef) and node.name == name for node in ast.parse(source).body):
        raise FieldError(name, f"must define a function named {name}")
    return source


def _first_parameter_is_read(source: str, function_name: str) -> bool:
    """Whether the judge looks at ``inputs`` (in-place problems); if not, the child need not send them."""
    function = next(node for node in ast.parse(source).body
                    if isinstance(node, ast.FunctionDef) and node.name == function_name)
    if not function.args.args:
        raise FieldError(function_name, "must take (inputs, outputs, expected)")
    parameter = function.args.args[0].arg
    return any(isinstance(node, ast.Name) and node.id == parameter and isinstance(node.ctx, ast.Load)
               for node in ast.walk(function))


def _statement(record: Mapping) -> str:
    content = record.get("pretty_content")
    if isinstance(content, str):
        content = [content]
    if not isinstance(content, list) or not content or not isinstance(content[0], str) \
            or not content[0].strip():
        raise FieldError("pretty_content", "must be a non-empty list whose first item is the statement")
    return content[0]


def _title(record: Mapping, slug_name: str) -> str:
    meta = record.get("meta_info")
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError:
            meta = None
    title = meta.get("title") if isinstance(meta, Mapping) else None
    return title if isinstance(title, str) and title else slug_name.replace("-", " ").title()


def _tests(record: Mapping) -> list[dict]:
    cases = field.json_value(record, "test_cases")
    if not isinstance(cases, list) or not cases:
        raise FieldError("test_cases", "must be a non-empty JSON list of {input, expected}")
    tests = []
    for index, case in enumerate(cases):
        if not isinstance(case, Mapping) or not isinstance(case.get("input"), list) \
                or "expected" not in case:
            raise FieldError(f"test_cases[{index}]", "must be an object with an 'input' argument list "
                                                     "and an 'expected' value")
        tests.append({"stdin": json.dumps(case["input"]), "expected": json.dumps(case["expected"])})
    return tests


def _solutions(record: Mapping) -> tuple[list[dict], dict[str, Any]]:
    raw = record.get("solutions") or []
    if not isinstance(raw, list):
        raise FieldError("solutions", "must be a list of {hash, runtime, solution}")
    solutions, runtimes, seen = [], {}, set()
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping) or not isinstance(item.get("solution", ""), str):
            raise FieldError(f"solutions[{index}]", "must be an object with a 'solution' string")
        code = item.get("solution") or ""
        if not code.strip() or code in seen:
            continue
        seen.add(code)
        label = f"mercury-{index}"
        solutions.append({"label": label, "code": code})
        runtimes[label] = {"runtime": item.get("runtime"), "hash": item.get("hash")}
    return solutions, runtimes
