"""Reading a model's response: the program it proposes, and whether it follows the paper's format.

The Afterburner format is reasoning in ``<thinking>…</thinking>`` followed by the program in
``<solution>…</solution>`` (usually as a fenced Python block). Parsing is forgiving — it falls back
to the last fenced Python block — and never raises on any string.
"""

from __future__ import annotations

import re
import textwrap

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
        code = clean_code(fenced[-1][1] if fenced else solution)
        if code:
            return code
    python_blocks = [body for tag, body in _fenced_blocks(response) if tag in _PYTHON_FENCE_TAGS]
    if python_blocks:
        return clean_code(python_blocks[-1]) or None
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


def clean_code(code: str) -> str:
    """Drop blank lines around the code and any indentation common to all its lines."""
    return textwrap.dedent(code.strip("\n")).strip("\n").rstrip()
