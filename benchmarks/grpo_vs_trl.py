"""GRPO training throughput: agents.grpo versus Hugging Face TRL's ``GRPOTrainer``, same model, reward, batch.

Both trainers get the same tiny random Llama (agents.models.tiny_model, byte tokenizer), the same prompts (the
Afterburner prompt of built-in problems), the same batch (P prompts × G completions per step, T new tokens,
one optimiser step per batch, no KL) and the same reward. The reward has to run real code in the sandbox,
which a random model never writes, so it submits one of the problem's reference solutions, chosen by the
completion's length, through the environment's reward (agents.datasets.EnvReward): the sandbox load is that
of a model that writes working code, and rewards still differ within a group.

Reported per trainer (median of ``--trials`` alternating runs): samples/s and completion tokens/s over the
whole run (wall clock of ``train``), and the share of that time spent waiting for rewards. TRL scores a
batch after generating all of it, so its wait is the time inside the reward function; agents.grpo scores
one generation batch while the next one generates and logs the time it still waits
(``charts/reward_wait_fraction``); with one generation batch per step, as here by default, both wait for
the whole batch's rewards.

    .venv/bin/python -m benchmarks.grpo_vs_trl --out benchmarks/results/agents_grpo_vs_trl.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import torch

from agents import grpo
from agents.datasets import EnvReward, suite_split
from agents.lm import Policy
from agents.models import tiny_model
from agents.prompts import render_prompt
from burner_env.env import problem_text
from burner_env.problems import Problem


class ReferenceSubmittingReward:
    """The env's reward for a reference solution picked by each completion's length (see the module
    docstring); counts the seconds spent inside calls."""

    __name__ = "env_reward"  # TRL logs rewards under the function's name

    def __init__(self, problems: Sequence[Problem], repeats: int) -> None:
        self.solutions = {problem.id: [s.code for s in problem.solutions] for problem in problems}
        self.reward = EnvReward(problems, repeats=repeats)
        self.seconds = 0.0
        self._lock = threading.Lock()

    def __call__(self, prompts: Sequence[str], completions: Sequence[str], problem_id: Sequence[str],
                 **columns) -> list[float]:
        start = time.perf_counter()
        responses = [f"<thinking>t</thinking><solution>```python\n{self._pick(pid, text)}\n```</solution>"
                     for pid, text in zip(problem_id, completions)]
        rewards = self.reward(prompts, responses, problem_id=problem_id)
        with self._lock:
            self.seconds += time.perf_counter() - start
        return rewards

    def _pick(self, problem_id: str, completion: str) -> str:
        codes = self.solutions[problem_id]
        return codes[len(completion) % len(codes)]

    def close(self) -> None:
        self.reward.close()


def prompt_records(problems: Sequence[Problem]) -> list[dict]:
    return [{"prompt": render_prompt(problem_text(problem), "time"), "problem_id": problem.id}
            for problem in problems]


def run_ours(args: argparse.Namespace, records: list[dict], reward: ReferenceSubmittingReward) -> dict:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    policy = Policy(*tiny_model(seed=0, hidden_size=args.hidden_size), device="cpu")
    with tempfile.TemporaryDirectory() as folder:
        config = grpo.Config(output_dir=folder, total_steps=args.steps, prompts_per_step=args.prompts,
                             group_size=args.group, generation_batch_size=args.generation_batch,
                             reward_workers=2, max_new_tokens=args.tokens, learning_rate=1e-5,
                             minibatch_size=args.prompts * args.group, chat_template=False, sample_log_every=0,
                             max_prompt_tokens=args.max_prompt_tokens)
        start = time.perf_counter()
        grpo.train(config, policy=policy, records=records, reward_fn=reward)
        seconds = time.perf_counter() - start
        events = EventAccumulator(folder)
        events.Reload()
        lengths = [event.value for event in events.Scalars("charts/completion_length")]
        waits = [event.value for event in events.Scalars("charts/reward_wait_fraction")]
    samples = args.steps * args.prompts * args.group
    return {"seconds": round(seconds, 2), "samples_per_s": round(samples / seconds, 3),
            "tokens_per_s": round(sum(lengths) * args.prompts * args.group / seconds, 1),
            "reward_wait_fraction": round(sum(waits) / len(waits), 4)}


def run_trl(args: argparse.Namespace, records: list[dict], reward: ReferenceSubmittingReward) -> dict:
    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    model, tokenizer = tiny_model(seed=0, hidden_size=args.hidden_size)
    with tempfile.TemporaryDirectory() as folder:
        config = GRPOConfig(output_dir=folder, per_device_train_batch_size=args.prompts * args.group,
                            num_generations=args.group, max_completion_length=args.tokens, max_steps=args.steps,
                            learning_rate=1e-5, beta=0.0, use_cpu=True, report_to="none", logging_steps=1,
                            save_strategy="no", gradient_checkpointing=False, bf16=False, disable_dropout=True)
        trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=reward, args=config,
                              train_dataset=Dataset.from_list(records * (args.steps * args.prompts)))
        reward.seconds = 0.0
        start = time.perf_counter()
        trainer.train()
        seconds = time.perf_counter() - start
    logs = [entry for entry in trainer.state.log_history if "completions/mean_length" in entry]
    tokens = sum(entry["completions/mean_length"] for entry in logs) * args.prompts * args.group
    samples = args.steps * args.prompts * args.group
    return {"seconds": round(seconds, 2), "samples_per_s": round(samples / seconds, 3),
            "tokens_per_s": round(tokens / seconds, 1), "reward_wait_fraction": round(reward.seconds / seconds, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--prompts", type=int, default=2, help="prompts per step (P)")
    parser.add_argument("--group", type=int, default=4, help="completions per prompt (G)")
    parser.add_argument("--generation-batch", type=int, default=8,
                        help="agents.grpo completions per generate call (P*G: one call per step, as TRL)")
    parser.add_argument("--tokens", type=int, default=64, help="new tokens per completion (T)")
    parser.add_argument("--max-prompt-tokens", type=int, default=None)
    parser.add_argument("--hidden-size", type=int, default=64)
    parser.add_argument("--problems", type=int, default=4, help="training problems used as prompts")
    parser.add_argument("--repeats", type=int, default=1, help="sandbox runs per measured test")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--trials", type=int, default=3, help="runs of each trainer; medians are reported")
    parser.add_argument("--out", default="benchmarks/results/agents_grpo_vs_trl.json")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    import trl

    problems = suite_split("builtin", "train")[: args.problems]
    records = prompt_records(problems)
    reward = ReferenceSubmittingReward(problems, args.repeats)
    trials: dict[str, list[dict]] = {"agents.grpo": [], "trl.GRPOTrainer": []}
    loads = []
    try:
        reward.reward.warm_up([p.id for p in problems])
        for trial in range(args.trials):
            # Alternate which trainer goes first: on a shared machine the load drifts between runs.
            order = [("agents.grpo", run_ours), ("trl.GRPOTrainer", run_trl)]
            for name, run in order if trial % 2 == 0 else order[::-1]:
                loads.append(os.getloadavg()[0])
                trials[name].append(run(args, records, reward))
    finally:
        reward.close()
    results = {name: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
               for name, runs in trials.items()}
    ours, theirs = results["agents.grpo"], results["trl.GRPOTrainer"]
    report = {"settings": {key: value for key, value in vars(args).items() if key != "out"},
              "trl": trl.__version__, "torch": torch.__version__, "cores": os.cpu_count(),
              "load_average_1min": [round(load, 2) for load in loads], "median_of_trials": results,
              "trials": trials, "speedup_samples_per_s": round(ours["samples_per_s"] / theirs["samples_per_s"], 2)}
    print(json.dumps(report, indent=1))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
