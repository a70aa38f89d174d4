"""The env's text contract (burner_env/prompts.py, re-exported by agents/prompts.py): prompt rendering,
observation → chat messages, response parsing. Plain Python, no torch."""

import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agents.prompts
from burner_env import prompts
from burner_env.parsing import extract_code, follows_format
from burner_env.prompts import (
    EFFICIENCY_INSTRUCTIONS,
    SYSTEM_PROMPT,
    format_rate,
    format_response,
    observation_messages,
    observation_prompt,
    problem_text,
    render_prompt,
)

CODE = "def add(a, b):\n    return a + b"


def test_prompts_modules_do_not_import_torch():
    probe = "import sys, burner_env.prompts, agents.prompts; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", probe], check=True)


def test_the_agents_use_the_envs_prompt_format():
    assert all(getattr(agents.prompts, name) is getattr(prompts, name)
               for name in agents.prompts.__all__ if hasattr(prompts, name))


def test_an_observation_becomes_the_system_prompt_and_the_step_s_user_message():
    from burner_env.env import CodeEfficiencyEnv
    from burner_env.problems import load_suite

    problem = load_suite("synthetic", size=1, seed=0)[0]
    with CodeEfficiencyEnv(suite=[problem], repeats=1, reference="measure") as env:
        observation, _ = env.reset(seed=0)
        messages = observation_messages(observation)
    assert [m["role"] for m in messages] == ["system", "user"] and messages[0]["content"] == SYSTEM_PROMPT
    assert messages[1]["content"] == observation_prompt(observation) == render_prompt(
        problem_text(problem), observation["instruction"], None, observation["feedback"])
    assert observation_messages(observation, system_prompt=None) == messages[1:]


@pytest.mark.parametrize(
    "response",
    [
        f"<thinking>easy</thinking><solution>```python\n{CODE}\n```</solution>",
        f"<thinking>x</thinking>\n<solution>\n{CODE}\n</solution>",
        f"<solution>\n```py\n{CODE}\n```\n</solution>",
        f"<solution>```python\n{CODE}\n</solution>",  # fence never closed inside the solution
        f"Here you go:\n```python\n{CODE}\n```\nDone.",
        f"```\n{CODE}\n```",
        "<solution>\n    def add(a, b):\n        return a + b\n</solution>",  # indented as a whole
        f"{format_response('because', CODE)}",
    ],
)
def test_extract_code_finds_the_program(response):
    assert extract_code(response) == CODE


def test_extract_code_prefers_the_last_solution_block():
    response = "<solution>x = 1</solution> then <solution>```python\nx = 2\n```</solution>"
    assert extract_code(response) == "x = 2"


def test_extract_code_prefers_a_solution_block_to_a_later_fence():
    response = "<solution>x = 1</solution>\n```python\nx = 2\n```"
    assert extract_code(response) == "x = 1"


def test_extract_code_takes_the_last_python_fence_and_skips_other_languages():
    response = "```python\nx = 1\n```\n```python\nx = 2\n```\n```bash\nrm -rf /\n```"
    assert extract_code(response) == "x = 2"


@pytest.mark.parametrize(
    "response",
    [
        "",
        "no code here",
        "<solution></solution>",
        "<solution>   \n </solution>",
        "<solution>x = 1",  # never closed, no fence either
        "</solution><solution>",  # tags in the wrong order
        "```bash\nls\n```",
        "```python\n```",
        "```python\nnever closed",
        "<thinking>only thoughts</thinking>",
    ],
)
def test_extract_code_returns_none_without_code(response):
    assert extract_code(response) is None


@pytest.mark.parametrize("not_text", [None, b"<solution>x</solution>", 42, ["x"]])
def test_extract_code_rejects_non_strings(not_text):
    with pytest.raises(TypeError):
        extract_code(not_text)


@given(st.text())
def test_extract_code_never_raises_on_text(text):
    result = extract_code(text)
    assert result is None or (isinstance(result, str) and result)


@given(st.lists(st.sampled_from(["<solution>", "</solution>", "```", "```python\n", "x = 1\n", "\n", " "])))
def test_extract_code_never_raises_on_tag_soup(pieces):
    result = extract_code("".join(pieces))
    assert result is None or result.strip()


def test_extract_code_is_fast_on_hostile_input():
    hostile = "<solution>" * 50_000 + "```" * 50_000 + "</solution>" + "<solution>"
    start = time.perf_counter()
    extract_code(hostile)
    assert time.perf_counter() - start < 1.0


_code_lines = st.text(alphabet=st.characters(blacklist_characters="`<>\r", codec="utf-8"), min_size=1).filter(
    lambda line: line.strip() and "\n" not in line and line == line.strip()
)


@given(st.lists(_code_lines, min_size=1, max_size=5))
def test_format_response_round_trips_through_extract_code(lines):
    code = "\n".join(lines)
    response = format_response("some reasoning", code)
    assert follows_format(response)
    assert extract_code(response) == code


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("<thinking>a</thinking><solution>b</solution>", True),
        ("  <thinking>a</thinking>\n\n<solution>b</solution>\n", True),
        ("<solution>b</solution>", False),
        ("<thinking>a</thinking>", False),
        ("<thinking>a</thinking><solution>b</solution> trailing text", False),
        ("<thinking>a</thinking><solution>b</solution><solution>c</solution>", False),
        ("<thinking>a<thinking>b</thinking><solution>c</solution>", False),
        ("<solution>b</solution><thinking>a</thinking>", False),
    ],
)
def test_follows_format(response, expected):
    assert follows_format(response) is expected


@pytest.mark.parametrize("instruction", sorted(EFFICIENCY_INSTRUCTIONS))
def test_render_prompt_includes_everything_given(instruction):
    prompt = render_prompt("Add two numbers.", instruction, current_code=CODE, feedback="passed 3/3; 12 ms")
    assert "Add two numbers." in prompt
    assert CODE in prompt
    assert "passed 3/3; 12 ms" in prompt
    assert EFFICIENCY_INSTRUCTIONS[instruction] in prompt
    assert "<solution>" in prompt and "<thinking>" in prompt


def test_render_prompt_without_code_asks_for_a_first_solution():
    prompt = render_prompt("Add two numbers.")
    assert "Current solution" not in prompt
    assert "Feedback" not in prompt
    assert "time-efficient" in prompt


def test_render_prompt_rejects_unknown_instruction():
    with pytest.raises(ValueError, match="instruction"):
        render_prompt("p", "speed")


def test_system_prompt_describes_the_format():
    assert "<thinking>" in SYSTEM_PROMPT and "<solution>" in SYSTEM_PROMPT


def test_the_starter_code_is_shown_once_when_it_is_the_current_code():
    from burner_env.problems import load_suite

    problem = load_suite("synthetic", size=1, seed=0)[0]
    text = problem_text(problem)
    from_starter = render_prompt(text, current_code=problem.starter_code)
    assert from_starter.count(problem.starter_code.strip()) == 1
    assert "## Current solution" in from_starter and "Starter code:" not in from_starter
    assert render_prompt(text).count(problem.starter_code.strip()) == 1  # no current code: the starter stays
    assert render_prompt(text, current_code=CODE).count(problem.starter_code.strip()) == 1


def test_format_rate_counts_responses_with_extractable_code():
    responses = [format_response("t", CODE), f"```python\n{CODE}\n```", "no code", "<solution></solution>"]
    assert format_rate(responses) == 0.5
    assert format_rate([]) == 0.0
