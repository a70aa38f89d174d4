"""Prompt rendering and response parsing in the Afterburner format.

The model reasons inside ``<thinking>…</thinking>`` and puts its program inside ``<solution>…</solution>``
(usually as a fenced Python block), as in the paper. This module is plain Python with no torch import:
the environment may import :func:`extract_code` from here.
"""

from __future__ import annotations

import re
import textwrap

SYSTEM_PROMPT = (
    "You are an expert Python programmer who improves the efficiency of code. The user gives you a "
    "programming problem, possibly with a current solution and measurements of how it performed. "
    "First think about the problem and the solution inside <thinking> </thinking> tags, then give the "
    "complete improved program inside <solution> </solution> tags as one ```python code block, e.g. "
    "<thinking>reasoning</thinking><solution>```python\ncode\n```</solution>."
)
"""The system prompt: the task and the response format."""

EFFICIENCY_INSTRUCTIONS = {
    "time": "time-efficient",
    "memory": "memory-efficient",
    "integral": "time- and memory-efficient (a low memory-time integral)",
}
"""What each optimisation target asks for, by the name the environment uses for its cost metric."""


def render_prompt(
    problem_text: str,
    instruction: str = "time",
    current_code: str | None = None,
    feedback: str | None = None,
) -> str:
    """The user message for one step: the problem, the code to improve and what the last run showed.

    ``instruction`` is one of ``EFFICIENCY_INSTRUCTIONS`` (``time``, ``memory``, ``integral``). Without
    ``current_code`` the model is asked to write a first solution; ``feedback`` is the environment's
    text about the current code (verdicts, costs, percentile) and is shown as given.
    """
    if instruction not in EFFICIENCY_INSTRUCTIONS:
        raise ValueError(f"instruction must be one of {sorted(EFFICIENCY_INSTRUCTIONS)}, got {instruction!r}")
    goal = EFFICIENCY_INSTRUCTIONS[instruction]
    sections = [f"## Problem\n{problem_text.strip()}"]
    if current_code is None:
        task = f"Write a correct and {goal} Python solution to the problem."
    else:
        sections.append(f"## Current solution\n```python\n{current_code.strip()}\n```")
        task = (
            "If the current solution fails any test, fix it first. "
            f"If it passes, make it more {goal} while keeping it correct."
        )
    if feedback:
        sections.append(f"## Feedback on the current solution\n{feedback.strip()}")
    sections.append(
        f"## Task\n{task}\n"
        "Think inside <thinking> </thinking>, then give the complete program inside "
        "<solution> </solution> as one ```python code block."
    )
    return "\n\n".join(sections)


def format_response(thinking: str, code: str) -> str:
    """A response in the expected format, e.g. an SFT target built from a reference solution."""
    return f"<thinking>\n{thinking.strip()}\n</thinking>\n<solution>\n```python\n{_clean(code)}\n```\n</solution>"


_WELL_FORMED = re.compile(
    r"\s*<thinking>(?:(?!</?thinking>|</?solution>).)*</thinking>"
    r"\s*<solution>(?:(?!</?thinking>|</?solution>).)*</solution>\s*",
    re.DOTALL,
)
_PYTHON_FENCE_TAGS = {"", "python", "python3", "py"}


def follows_format(response: str) -> bool:
    """Whether ``response`` is exactly one thinking block then one solution block (whitespace around)."""
    if not isinstance(response, str):
        raise TypeError(f"response must be str, got {type(response).__name__}")
    return _WELL_FORMED.fullmatch(response) is not None


def extract_code(response: str) -> str | None:
    """The program in a model response, or None when there is none.

    In order of preference: the last ``<solution>…</solution>`` block (with a code fence inside it
    removed), else the last fenced Python (or untagged) block anywhere, else None. An empty block counts
    as no code. Runs in linear time and never raises on any string; a non-string raises TypeError.
    """
    if not isinstance(response, str):
        raise TypeError(f"response must be str, got {type(response).__name__}")
    solution = _last_solution_block(response)
    if solution is not None:
        fenced = _fenced_blocks(solution, allow_unterminated=True)
        code = _clean(fenced[-1][1] if fenced else solution)
        if code:
            return code
    python_blocks = [body for tag, body in _fenced_blocks(response) if tag in _PYTHON_FENCE_TAGS]
    if python_blocks:
        return _clean(python_blocks[-1]) or None
    return None


def _last_solution_block(text: str) -> str | None:
    # str.rfind rather than a regex: a lazy `<solution>(.*?)</solution>` rescans the text from every
    # opening tag, which is quadratic on hostile input.
    end = text.rfind("</solution>")
    if end == -1:
        return None
    start = text.rfind("<solution>", 0, end)
    if start == -1:
        return None
    return text[start + len("<solution>") : end]


def _fenced_blocks(text: str, allow_unterminated: bool = False) -> list[tuple[str, str]]:
    """(language tag, body) of each ```-fenced block, fences paired in order of appearance."""
    fences = []
    position = text.find("```")
    while position != -1:
        fences.append(position)
        position = text.find("```", position + 3)
    if allow_unterminated and len(fences) % 2 == 1:
        fences.append(len(text))
    blocks = []
    for opening, closing in zip(fences[0::2], fences[1::2]):
        header, newline, body = text[opening + 3 : closing].partition("\n")
        if not newline:  # ```code``` on one line: no tag, all body
            header, body = "", header
        blocks.append((header.strip().lower(), body))
    return blocks


def _clean(code: str) -> str:
    """Drop blank lines around the code and any indentation common to all its lines."""
    return textwrap.dedent(code.strip("\n")).strip("\n").rstrip()
