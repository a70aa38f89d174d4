"""agents.iof (the test-time IOF loop) and the ``burner iof``/``burner train`` commands, with scripted agents
and tiny random models: no download, a few seconds of sandbox time each."""

import json
import sys

import pytest

from agents import iof
from burner_env.cli import main as burner
from burner_env.problems import load_suite

PROBLEMS = ["two_sum", "h_index"]
SUITE = {problem.id: problem for problem in load_suite("builtin")}
ENV = {"suite": "builtin", "repeats": 1}


def respond(code: str) -> str:
    return f"<thinking>scripted</thinking>\n<solution>\n```python\n{code}\n```\n</solution>"


def problem_of(observation: dict) -> str:
    return next(pid for pid in SUITE if observation["problem"].startswith(f"# {SUITE[pid].title}\n"))


def by_speed(problem_id: str) -> list:
    """Reference solutions from the slowest time class to the fastest."""
    return sorted(SUITE[problem_id].solutions, key=lambda solution: -(solution.time_class or 0))


def slow_then_fast_then_broken(observations: list[dict]) -> list[str]:
    """Iteration 0: the slowest reference; 1: the fastest; 2: no code at all."""
    responses = []
    for observation in observations:
        solutions = by_speed(problem_of(observation))
        responses.append({0: respond(solutions[0].code), 1: respond(solutions[-1].code)}
                         .get(observation["iteration"], "I give up."))
    return responses


def test_scripted_agent_gives_expected_metrics_per_iteration(tmp_path):
    attempts = tmp_path / "attempts.jsonl"
    seen = []
    report = iof.run(slow_then_fast_then_broken, ENV, problems=PROBLEMS, iterations=2, attempts_path=attempts,
                     on_iteration=seen.append)
    first, second, third = report.iterations
    assert [stats.iteration for stats in seen] == [0, 1, 2]
    assert [stats.pass_at_1.value for stats in report.iterations] == [1.0, 1.0, 1.0]
    # Time classes are at least 5x apart (``burner validate``), so the slowest class ranks below the fastest.
    assert first.beyond_t.value < second.beyond_t.value
    assert second.shares["failed"] == 0.0
    # A failed attempt is not kept: the best code, and so every figure, stays as after iteration 1.
    assert third.attempt_pass_at_1 == 0.0 and third.accepted == 0.0
    assert (third.pass_at_1, third.beyond_t, third.beyond_m, third.beyond_i) == (
        second.pass_at_1, second.beyond_t, second.beyond_m, second.beyond_i)
    for stats in report.iterations:
        for estimate in (stats.pass_at_1, stats.beyond_t, stats.beyond_m, stats.beyond_i):
            assert 0.0 <= estimate.low <= estimate.value <= estimate.high <= 1.0
        assert stats.beyond_t.value <= stats.pass_at_1.value
        assert sum(stats.shares.values()) == pytest.approx(1.0)

    records = [json.loads(line) for line in attempts.read_text().splitlines()]
    assert len(records) == len(PROBLEMS) * 3
    assert {"problem", "iteration", "response", "verdict", "costs", "percentiles", "reward", "accepted"} <= set(
        records[0])
    assert {r["verdict"] for r in records if r["iteration"] == 2} == {"format_error"}
    assert [stats.verdicts for stats in report.iterations] == [{"accepted": 2}, {"accepted": 2}, {"format_error": 2}]
    assert "pass@1" in report.table()


def first_reference(observation: dict) -> str:
    return SUITE[problem_of(observation)].solutions[0].code


def test_same_code_agent_is_never_accepted_and_its_curve_is_flat(tmp_path):
    """The winner's curse: resubmitting the same code (here with a comment and blank lines added) must
    neither be kept nor move any figure, however the noisy readings fall."""
    attempts = tmp_path / "attempts.jsonl"
    agent = iof.SameCodeAgent(first_reference, variant="reformatted")
    report = iof.run(agent, ENV, problems=PROBLEMS + ["sort_colors"], iterations=3, attempts_path=attempts)
    first, *later = report.iterations
    assert first.accepted == 1.0 and first.pass_at_1.value == 1.0
    assert [stats.accepted for stats in later] == [0.0] * len(later)
    records = [json.loads(line) for line in attempts.read_text().splitlines()]
    assert {r["acceptance"] for r in records if r["iteration"] > 0} == {"same_code"}
    for stats in later:
        assert (stats.pass_at_1, stats.beyond_t, stats.beyond_m, stats.beyond_i, stats.shares) == (
            first.pass_at_1, first.beyond_t, first.beyond_m, first.beyond_i, first.shares)


def test_best_of_n_answers_the_first_prompt_each_time_and_the_env_keeps_the_best(tmp_path):
    """Best-of-N through IOF: the agent is shown the first observation again at every iteration (never the
    feedback), and the run's best code is the best sample the env accepted."""
    shown = []

    def sampler(observations: list[dict]) -> list[str]:  # a scripted "sampler": broken, slow, fast
        shown.append([observation["iteration"] for observation in observations])
        return slow_then_fast_then_broken([{**observation, "iteration": (len(shown) + 1) % 3}
                                           for observation in observations])

    attempts = tmp_path / "attempts.jsonl"
    report = iof.run(iof.IndependentSamples(sampler), ENV, problems=PROBLEMS, iterations=2, attempts_path=attempts)
    assert shown == [[0, 0]] * 3  # the first observation every time
    broken, slow, fast = report.iterations
    assert broken.pass_at_1.value == 0.0 and slow.pass_at_1.value == fast.pass_at_1.value == 1.0
    assert slow.beyond_t.value < fast.beyond_t.value

    rewards = iof.attempt_rewards(attempts)
    assert [sorted(by_problem) for by_problem in rewards] == [sorted(PROBLEMS)] * 3
    assert all(reward == 0.0 for reward in rewards[0].values())
    assert all(rewards[2][problem] > rewards[1][problem] > 0.0 for problem in PROBLEMS)
    gain = iof.paired_difference(rewards[2], rewards[0])
    assert gain.low <= gain.value <= gain.high and gain.value == pytest.approx(
        sum(rewards[2].values()) / len(PROBLEMS))


def test_paired_difference_cancels_the_problems_spread():
    # Problems differ a lot; the second agent is better by exactly 0.1 on each: a zero-width interval.
    first = {"a": 0.9, "b": 0.2, "c": 0.5}
    second = {problem: value + 0.1 for problem, value in first.items()}
    difference = iof.paired_difference(second, first)
    assert difference.value == pytest.approx(0.1) and difference.low == pytest.approx(difference.high)
    with pytest.raises(ValueError, match="different problems"):
        iof.paired_difference(first, {"a": 0.1})


def test_attempt_rewards_names_the_line_of_a_malformed_log(tmp_path):
    log = tmp_path / "attempts.jsonl"
    log.write_text('{"problem": "a", "iteration": 0, "reward": 0.5}\n{"problem": "a", "iteration": 1}\n')
    with pytest.raises(ValueError, match="line 2"):
        iof.attempt_rewards(log)


def test_a_report_reads_back_what_it_wrote():
    report = report_with_verdicts([{"accepted": 1}, {"wrong_answer": 1}])
    again = iof.Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report and isinstance(again.iterations[0].beyond_t, iof.Estimate)


def test_renamed_code_is_the_same_program_with_another_syntax_tree():
    from burner_env.scoring import same_code

    code = ("import heapq\nLIMIT = 3\n\nclass Solution:\n    size = 2\n\n"
            "    def top(self, xs, k=LIMIT):\n        heap = []\n        for x in xs:\n"
            "            heapq.heappush(heap, -x)\n        best = [-heapq.heappop(heap) for _ in range(k)]\n"
            "        return best[: self.size + k]\n")
    renamed = iof.rename_locals(code, "_1")
    assert not same_code(code, renamed) and "heap_1" in renamed and "best_1" in renamed
    assert "def top(self, xs, k=LIMIT)" in renamed and "size = 2" in renamed
    results = []
    for source in (code, renamed):
        namespace: dict = {}
        exec(source, namespace)
        results.append(namespace["Solution"]().top([5, 1, 4, 2], k=2))
    assert results[0] == results[1] == [5, 4]
    with pytest.raises(ValueError, match="variant"):
        iof.SameCodeAgent(first_reference, variant="shuffled")


def test_failing_agent_scores_zero():
    report = iof.run(lambda observations: ["no code"] * len(observations), ENV, problems=PROBLEMS, iterations=0)
    (stats,) = report.iterations
    assert stats.pass_at_1.value == stats.beyond_t.value == 0.0
    assert stats.shares["failed"] == 1.0


def test_reference_start_scores_only_what_the_agent_wrote():
    """From a reference solution, copying it passes; the reference alone does not count as the agent's."""
    copy = iof.run(lambda observations: [respond(o["code"]) for o in observations], ENV, problems=PROBLEMS,
                   iterations=0, initial_code="reference")
    assert copy.iterations[0].pass_at_1.value == 1.0
    silent = iof.run(lambda observations: ["..."] * len(observations), ENV, problems=PROBLEMS, iterations=0,
                     initial_code="reference")
    assert silent.iterations[0].pass_at_1.value == 0.0


def test_env_instance_gives_its_problems_and_settings():
    from burner_env.env import CodeEfficiencyEnv

    env = CodeEfficiencyEnv(suite="builtin", problem_ids=PROBLEMS[:1], instruction="memory", repeats=1)
    try:
        report = iof.run(lambda observations: ["no code"] * len(observations), env, iterations=0)
    finally:
        env.close()
    assert report.problems == PROBLEMS[:1] and report.instruction == "memory"
    assert (report.settings["measure"], report.settings["repeats"]) == ("cpu", 1)


def test_agent_must_answer_every_observation():
    with pytest.raises(ValueError, match="responses"):
        iof.run(lambda observations: [], ENV, problems=PROBLEMS[:1], iterations=0)


def test_plot_writes_a_png(tmp_path):
    report = iof.run(lambda observations: ["no code"] * len(observations), ENV, problems=PROBLEMS[:1],
                     iterations=1)
    iof.plot({"a": report, "b": report}, tmp_path / "iof.png")
    assert (tmp_path / "iof.png").read_bytes()[:4] == b"\x89PNG"


def report_with_verdicts(verdicts_per_iteration: list[dict[str, int]]) -> iof.Report:
    zero = iof.Estimate(0.0, 0.0, 0.0)
    shares = {"better_than_all": 0.0, "within": 0.0, "worse_than_all": 0.0, "failed": 1.0}
    return iof.Report([iof.IterationStats(i, zero, zero, zero, zero, shares, 0.0, 0.0, 1.0, verdicts=verdicts)
                       for i, verdicts in enumerate(verdicts_per_iteration)], ["p"], "time", "empty", None, 2.0)


def test_plot_stacks_each_iterations_verdicts(tmp_path):
    """Below the curves, a stacked bar per iteration and report: its attempts' verdict counts."""
    first = report_with_verdicts([{"wrong_answer": 2, "format_error": 1}, {"accepted": 1, "wrong_answer": 2}])
    second = report_with_verdicts([{"runtime_error": 3}, {"runtime_error": 1, "time_limit": 2}])
    figure = iof.plot({"first": first, "second": second}, tmp_path / "iof.png")
    assert (tmp_path / "iof.png").read_bytes()[:4] == b"\x89PNG"
    breakdown = figure.axes[-1]
    bars = {}  # (report, iteration, verdict) -> (bottom, height)
    for container in breakdown.containers:
        for patch in container.patches:
            centre = patch.get_x() + patch.get_width() / 2
            iteration = round(centre)
            report = "first" if centre < iteration else "second"  # side by side, in the reports' order
            if patch.get_height():
                bars[report, iteration, container.get_label()] = (patch.get_y(), patch.get_height())
    # Stacked in VERDICTS order: accepted at the bottom, then wrong_answer, runtime_error, time_limit, ...
    assert bars == {
        ("first", 0, "wrong_answer"): (0, 2), ("first", 0, "format_error"): (2, 1),
        ("first", 1, "accepted"): (0, 1), ("first", 1, "wrong_answer"): (1, 2),
        ("second", 0, "runtime_error"): (0, 3),
        ("second", 1, "runtime_error"): (0, 1), ("second", 1, "time_limit"): (1, 2),
    }
    legend = [text.get_text() for text in breakdown.get_legend().get_texts()]
    assert legend == ["accepted", "wrong_answer", "runtime_error", "time_limit", "format_error"]


def test_verdict_counts_follow_the_verdicts_order():
    assert iof.verdict_counts(["format_error", "accepted", "wrong_answer", "accepted"]) == {
        "accepted": 2, "wrong_answer": 1, "format_error": 1}
    assert list(iof.verdict_counts(["format_error", "accepted"])) == ["accepted", "format_error"]


# --- with a language model ------------------------------------------------------------------------

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from agents.lm import Policy, save_pretrained  # noqa: E402
from agents.models import tiny_model  # noqa: E402


@pytest.fixture(autouse=True)
def single_threaded_torch():
    """Tiny models gain nothing from intra-op threads, and on a busy machine the threads thrash."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


def test_policy_agent_runs_end_to_end():
    agent = iof.PolicyAgent(Policy(*tiny_model(seed=0), device="cpu"), max_new_tokens=6, batch_size=1)
    report = iof.run(agent, ENV, problems=PROBLEMS, iterations=1)
    assert len(report.iterations) == 2
    assert agent.generated_tokens > 0


def test_policy_agent_samples_with_temperature():
    agent = iof.PolicyAgent(Policy(*tiny_model(seed=0), device="cpu"), temperature=1.0, max_new_tokens=4)
    observation = {"problem": "p", "instruction": "time", "code": "", "feedback": "", "iteration": 0}
    responses = agent([observation, observation])
    assert len(responses) == 2 and all(isinstance(text, str) for text in responses)


@pytest.mark.parametrize("command", [["iof", "--help"], ["train", "sft", "--help"], ["train", "grpo", "--help"]])
def test_cli_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        burner(command)
    assert exit_info.value.code == 0
    assert "usage" in capsys.readouterr().out


def test_cli_iof_with_a_saved_tiny_model(tmp_path, capsys):
    model_dir = tmp_path / "tiny"
    save_pretrained(*tiny_model(seed=0), model_dir)
    out = tmp_path / "run"
    code = burner(["iof", "--model", str(model_dir), "--problems", "1", "--iterations", "0",
                   "--max-new-tokens", "4", "--repeats", "1", "--out", str(out)])
    assert code == 0
    assert len((out / "attempts.jsonl").read_text().splitlines()) == 1
    assert json.loads((out / "report.json").read_text())["iterations"][0]["iteration"] == 0
    assert (out / "iof.png").exists()
    assert "pass@1" in capsys.readouterr().out  # the live table's header


def test_policy_agent_reports_its_progress_token_by_token():
    from agents.lm import Policy

    seen = []
    agent = iof.PolicyAgent(Policy(*tiny_model(seed=0)), max_new_tokens=3, batch_size=2, on_progress=seen.append)
    observation = {"problem": "Add two numbers.", "code": "", "feedback": "", "iteration": 0, "instruction": "time"}
    assert len(agent([observation] * 3)) == 3
    # Two batches (problems 1-2, then 3), each reported after every decoding step.
    assert seen[0] == "problems 1-2 of 3, token 1/3" and seen[-1].startswith("problems 3-3 of 3, token ")
    assert {message.split(",")[0] for message in seen} == {"problems 1-2 of 3", "problems 3-3 of 3"}


def test_cli_iof_rejects_unknown_problems(capsys):
    assert burner(["iof", "--model", "unused", "--problems", "no_such_problem"]) == 2
    assert "no_such_problem" in capsys.readouterr().err


@pytest.mark.slow
def test_reproduction_smoke_preset(tmp_path, monkeypatch):
    """examples/reproduce_afterburner.py end to end on a tiny random model: data, four models, IOF, outputs."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples" / "reproduce_afterburner.py"
    spec = importlib.util.spec_from_file_location("reproduce_afterburner", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.main(["--preset", "smoke", "--out", str(tmp_path)])
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert set(summary["reports"]) == {"same_code", "base", "best_of_n", "base_paper", "sft", "dpo", "grpo"}
    assert all(len(report["iterations"]) == 2 for report in summary["reports"].values())
    # The same-code baseline passes with the starter code and, resubmitting it, stays where it started.
    first, second = summary["reports"]["same_code"]["iterations"]
    assert first["pass_at_1"]["value"] == second["pass_at_1"]["value"] == 1.0
    assert first["beyond_t"]["value"] == second["beyond_t"]["value"]
    assert (tmp_path / "learning_curves.png").exists() and summary["learning_curves"]["grpo"]["charts/reward_mean"]
    assert (tmp_path / "iof.png").exists() and (tmp_path / "grpo" / "final").is_dir()
    assert "| grpo | 1 |" in (tmp_path / "results.md").read_text()
    results = json.loads((tmp_path / "results.json").read_text())
    assert "train_grpo" in results["timings_s"] and results["learning_curves"]["grpo"]
    figures = results["held_out"]
    assert set(figures) == {"synthetic", "builtin"}
    grpo_rows = figures["synthetic"]["models"]["grpo"]
    assert [row["iteration"] for row in grpo_rows] == [0, 1]
    assert {"pass_at_1", "beyond_t", "beyond_m", "beyond_i", "reward", "shares"} <= set(grpo_rows[0])
    assert set(figures["synthetic"]["reward_minus_base"]) == set(summary["reports"]) - {"base"}
    assert json.loads((tmp_path / "iof-base_paper.json").read_text())["settings"]["feedback"] == "paper"

    # --resume keeps the evaluations and the trained models: only what is missing is redone.
    (tmp_path / "iof-grpo.json").unlink()
    kept = (tmp_path / "iof-sft.json").read_text()
    module.main(["--preset", "smoke", "--out", str(tmp_path), "--resume", "--stages", "sft,grpo"])
    assert (tmp_path / "iof-grpo.json").exists() and (tmp_path / "iof-sft.json").read_text() == kept
    assert "train_sft" in json.loads((tmp_path / "results.json").read_text())["timings_s"]  # the first run's


def test_cli_train_sft_builds_data_from_the_suite(tmp_path):
    model_dir = tmp_path / "tiny"
    save_pretrained(*tiny_model(seed=0), model_dir)
    out = tmp_path / "sft"
    code = burner(["train", "sft", "--problems", "1", "--repeats", "1", "--model", str(model_dir),
                   "--num-epochs", "1", "--batch-size", "4", "--max-prompt-tokens", "64",
                   "--max-completion-tokens", "16", "--output-dir", str(out)])
    assert code == 0
    records = [json.loads(line) for line in (out / "data.jsonl").read_text().splitlines()]
    assert records and {"prompt", "completion", "problem_id"} <= set(records[0])
    assert (out / "final" / "config.json").exists()
