"""The environment's text contract: how a problem and an observation read as a prompt, and the answer format.

The model reasons inside ``<thinking>…</thinking>`` and puts its program inside ``<solution>…</solution>``
(usually as a fenced Python block), as in the paper; :func:`burner_env.parsing.extract_code` reads it back.
:func:`observation_messages` turns an env observation into the chat messages a model is given, as IOF, the
trainers and the TRL/verl datasets do. Plain Python (no torch).

>>> observation, info = env.reset(seed=0)                                     # doctest: +SKIP
>>> messages = observation_messages(observation)  # [{"role": "system", ...}, {"role": "user", ...}]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from burner_env.parsing import clean_code, extract_code
from burner_env.problems import Problem

__all__ = ["EFFICIENCY_INSTRUCTIONS", "SYSTEM_PROMPT", "format_rate", "format_response", "observation_messages",
           "observation_prompt", "problem_text", "render_prompt"]

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

_STARTER_BLOCK = re.compile(r"\n*Starter code:\n```python\n(.*?)\n```", re.DOTALL)
"""The starter-code block of :func:`problem_text`."""


def problem_text(problem: Problem) -> str:
    """What the agent reads of a problem (the observation's ``problem``): title, statement and the
    signature it must implement."""
    if problem.io == "stdin":
        contract = "Write a program that reads standard input and writes standard output."
    elif problem.io == "class":
        contract = f"Implement `{problem.entry_point}` in `class {problem.class_name}`."
    else:
        contract = f"Implement the function `{problem.entry_point}`."
    parts = [f"# {problem.title}", problem.statement.strip(), contract]
    if problem.starter_code.strip():
        parts.append(f"Starter code:\n```python\n{problem.starter_code.rstrip()}\n```")
    return "\n\n".join(parts)


def render_prompt(
    problem_text: str,
    instruction: str = "time",
    current_code: str | None = None,
    feedback: str | None = None,
) -> str:
    """The user message for one step: the problem, the code to improve and what the last run showed.

    ``instruction`` is one of ``EFFICIENCY_INSTRUCTIONS`` (``time``, ``memory``, ``integral``). Without
    ``current_code`` the model is asked to write a first solution; ``feedback`` is the environment's
    text about the current code (verdicts, costs, percentile) and is shown as given. When the current
    code is the problem's starter code, the problem's copy of it is left out.
    """
    if instruction not in EFFICIENCY_INSTRUCTIONS:
        raise ValueError(f"instruction must be one of {sorted(EFFICIENCY_INSTRUCTIONS)}, got {instruction!r}")
    goal = EFFICIENCY_INSTRUCTIONS[instruction]
    starter = _STARTER_BLOCK.search(problem_text)
    if current_code is not None and starter and starter.group(1).strip() == current_code.strip():
        # The current solution is the starter code: show it once (prompt tokens cost the most on a CPU).
        problem_text = problem_text[: starter.start()] + problem_text[starter.end() :]
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


def observation_prompt(observation: Mapping) -> str:
    """The user message for an env observation (its problem, instruction, current code and feedback)."""
    return render_prompt(observation["problem"], observation["instruction"], observation["code"] or None,
                         observation["feedback"])


def observation_messages(observation: Mapping, system_prompt: str | None = SYSTEM_PROMPT) -> list[dict[str, str]]:
    """An env observation as chat messages: the system prompt (the answer format; None leaves it out)
    then :func:`observation_prompt` as the user's message, ready for a chat template."""
    user = {"role": "user", "content": observation_prompt(observation)}
    return [{"role": "system", "content": system_prompt}, user] if system_prompt is not None else [user]


def format_response(thinking: str, code: str) -> str:
    """A response in the expected format, e.g. an SFT target built from a reference solution."""
    return f"<thinking>\n{thinking.strip()}\n</thinking>\n<solution>\n```python\n{clean_code(code)}\n```\n</solution>"


def format_rate(responses: Sequence[str]) -> float:
    """Share of responses from which the environment's parser extracts a program (0 for none)."""
    return sum(extract_code(response) is not None for response in responses) / len(responses) if responses else 0.0
