"""Multi-step training through the adapters: refinement records (previous code + the env's feedback on it →
improved code) for TRL (``build_dataset(previous=...)``) and verl (``build_records(previous=...)``).

The contract: for the same (problem, previous code, response), a record's reward through the TRL reward
function, verl's ``compute_score`` and ``compute_score_batch`` is ``env.step``'s at the step after a reset
with that previous code, and the record's prompt is the observation the env shows there. As in
tests/test_scoring.py, a sandbox stand-in with fixed readings per program makes the rewards exact; one test
builds and scores records on the real sandbox.
"""

from __future__ import annotations

import json

import pytest
from test_scoring import FAST, MEDIUM, NOT_CODE, READINGS, SLOW, SLOWER, WRONG, FixedSandbox, respond

from burner_env.demo import SAMPLE_PROBLEM
from burner_env.env import CodeEfficiencyEnv
from burner_env.integrations import PREVIOUS_SOURCES, training_prompts
from burner_env.integrations import verl as verl_adapter
from burner_env.integrations.trl import build_dataset, reward_function
from burner_env.prompts import observation_messages
from burner_env.sandbox import Sandbox

pytestmark = pytest.mark.filterwarnings("ignore:.*calibration of suite.*:UserWarning")  # verl says it measures

RESPONSES = [respond(FAST), respond(MEDIUM), respond(SLOWER), respond(WRONG), NOT_CODE]
STUB = "def count_pairs(xs, target):\n    ...\n"


@pytest.fixture
def suite_path(tmp_path, monkeypatch):
    """The sample problem (with starter code) as a suite file, verl's reward on the test's sandbox, and an
    empty calibration cache (reference costs are measured on that sandbox)."""
    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(dict(SAMPLE_PROBLEM, starter_code=STUB)) + "\n", encoding="utf-8")
    yield str(path)
    verl_adapter.close()


@pytest.fixture
def sandbox(monkeypatch):
    fixed = FixedSandbox("cpu")
    monkeypatch.setattr(verl_adapter, "Sandbox", lambda **kwargs: fixed)
    return fixed


def verl_rows(suite_path: str, sandbox, previous: str) -> list[dict]:
    """verl's records as its RLHFDataset reads them back from parquet."""
    pyarrow = pytest.importorskip("pyarrow")
    return pyarrow.Table.from_pylist(verl_adapter.build_records(suite_path, "time", previous=previous,
                                                                sandbox=sandbox)).to_pylist()


@pytest.mark.parametrize("reward", ["afterburner", "percentile"])
def test_records_give_env_steps_reward_through_every_door(suite_path, sandbox, reward):
    trl_rows = build_dataset(suite_path, "time", previous="all_references", sandbox=sandbox).to_list()
    rows = verl_rows(suite_path, sandbox, "all_references")
    assert [row["code"] for row in trl_rows] == [row["extra_info"]["code"] for row in rows] == [FAST, MEDIUM, SLOW]
    assert [row["code_cost"] for row in trl_rows] == [READINGS[code][0] for code in (FAST, MEDIUM, SLOW)]
    assert [row["extra_info"]["code_cost"] for row in rows] == [row["code_cost"] for row in trl_rows]

    env = CodeEfficiencyEnv(suite_path, "time", reward=reward, sandbox=sandbox)
    doors: dict[str, list[float]] = {"env.step": [], "trl": [], "verl": [], "verl batch": []}
    for trl_row, row in zip(trl_rows, rows):
        for response in RESPONSES:
            observation, _ = env.reset(options={"problem_id": trl_row["problem_id"], "initial_code": trl_row["code"]})
            assert trl_row["prompt"] == row["prompt"] == observation_messages(observation)
            doors["env.step"].append(env.step(response)[1])
            doors["verl"].append(verl_adapter.compute_score(row["data_source"], response,
                                                            row["reward_model"]["ground_truth"], row["extra_info"],
                                                            reward=reward, repeats=1)["score"])

    pairs = [(row, response) for row in trl_rows for response in RESPONSES]
    columns = {name: [row[name] for row, _ in pairs] for name in trl_rows[0] if name != "prompt"}  # as TRL passes
    trl = reward_function(suite_path, "time", reward=reward, sandbox=sandbox)
    doors["trl"] = trl(prompts=[row["prompt"] for row, _ in pairs], completions=[r for _, r in pairs], **columns)
    verl_pairs = [(row, response) for row in rows for response in RESPONSES]
    doors["verl batch"] = [score["score"] for score in verl_adapter.compute_score_batch(
        [row["data_source"] for row, _ in verl_pairs], [response for _, response in verl_pairs],
        [row["reward_model"]["ground_truth"] for row, _ in verl_pairs], [row["extra_info"] for row, _ in verl_pairs],
        reward=reward, repeats=1)]
    for door, rewards in doors.items():
        assert rewards == doors["env.step"], f"{door} disagrees with env.step"

    by_previous = {code: dict(zip(RESPONSES, doors["trl"][i * len(RESPONSES):]))
                   for i, code in enumerate((FAST, MEDIUM, SLOW))}
    if reward == "afterburner":
        # The efficiency term is there: after the slow code, faster earns more; the same response earns
        # more after a dearer previous code.
        after_slow = by_previous[SLOW]
        assert after_slow[respond(FAST)] > after_slow[respond(MEDIUM)] > after_slow[respond(SLOWER)]
        assert by_previous[SLOW][respond(MEDIUM)] > by_previous[FAST][respond(MEDIUM)]
    else:  # the percentile reward ranks among the references, whatever the previous code
        assert by_previous[SLOW] == by_previous[FAST]


def test_previous_chooses_the_code_to_refine(suite_path, sandbox):
    slowest = training_prompts(suite_path, "time", previous="slowest_reference", sandbox=sandbox)
    assert [(prompt.code, prompt.cost) for prompt in slowest] == [(SLOW, READINGS[SLOW][0])]
    starter = verl_rows(suite_path, sandbox, "starter")
    assert [row["extra_info"]["code"] for row in starter] == [STUB]
    assert starter[0]["extra_info"]["code_cost"] is None  # the stub fails: the prompt asks for a fix
    user = starter[0]["prompt"][1]["content"]
    assert user.count("...") == 1 and "Verdict: wrong answer" in user  # the stub shown once, as the env does
    first = build_dataset(suite_path, "time")
    assert first.column_names == ["prompt", "problem_id"]  # without previous: single-step, as before
    with pytest.raises(ValueError, match="previous must be None or one of " + ", ".join(PREVIOUS_SOURCES)):
        training_prompts(suite_path, "time", previous="fastest_reference", sandbox=sandbox)


def test_malformed_records_name_the_record_and_the_field(suite_path, sandbox):
    trl = reward_function(suite_path, "time", reward="afterburner", sandbox=sandbox)
    completions = [respond(FAST)] * 2
    with pytest.raises(TypeError, match=r"code\[1\] must be the code the response refines .* got int"):
        trl(prompts=[None] * 2, completions=completions, problem_id=["pair-sum-count"] * 2, code=[SLOW, 3])
    with pytest.raises(ValueError, match=r"problem_id\[1\]: no problem None"):
        trl(prompts=[None] * 2, completions=completions, problem_id=["pair-sum-count", None], code=[SLOW, SLOW])
    with pytest.raises(ValueError, match="'problem_id' column"):
        trl(prompts=[None], completions=completions[:1], code=[SLOW])

    extra = {"suite": suite_path, "instruction": "time", "problem_id": "pair-sum-count"}
    with pytest.raises(TypeError, match=r"response 0: extra_info\['code'\] must be .* got list"):
        verl_adapter.compute_score("burner/pairs", respond(FAST), "pair-sum-count", dict(extra, code=[SLOW]))
    with pytest.raises(TypeError, match=r"response 1: extra_info\['code'\] .* got float"):
        verl_adapter.compute_score_batch(["burner/pairs"] * 2, completions, ["pair-sum-count"] * 2,
                                         [dict(extra, code=SLOW), dict(extra, code=90.0)])
    with pytest.raises(ValueError, match="response 1: ground_truth must be the problem id"):
        verl_adapter.compute_score_batch(["burner/pairs"] * 2, completions, ["pair-sum-count", None],
                                         [dict(extra, code=SLOW), {"suite": suite_path, "code": SLOW}])


def test_records_on_the_real_sandbox_give_afterburner_its_efficiency_term(suite_path):
    with Sandbox(measure="cpu", repeats=1, workers=2) as sandbox:
        [row] = build_dataset(suite_path, "time", previous="slowest_reference", sandbox=sandbox).to_list()
        assert row["code"] == SLOW and row["code_cost"] > 0  # brute force: ~50x the hash map's time
        assert "## Current solution" in row["prompt"][1]["content"]
        assert "Verdict: accepted (4/4 correctness tests passed)" in row["prompt"][1]["content"]
        trl = reward_function(suite_path, "time", reward="afterburner", sandbox=sandbox)
        fast, slower = trl(prompts=[row["prompt"]] * 2, completions=[respond(FAST), respond(SLOWER)],
                           problem_id=[row["problem_id"]] * 2, code=[row["code"]] * 2,
                           code_cost=[row["code_cost"]] * 2)
    # Format 0.2 and pass → pass 0.5 × 0.5 give 0.45; the efficiency term, 0.3 × tanh(relative gain), the rest.
    assert fast > 0.55 and slower < 0.40
