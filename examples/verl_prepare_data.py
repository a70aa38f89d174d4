"""Write verl's RL parquet files (``train.parquet``, ``test.parquet``) from a burner-env suite.

    python examples/verl_prepare_data.py --suite builtin --instruction time --out-dir data/burner

Each row is one problem in verl's layout: ``data_source`` (``burner/<suite>``), ``prompt`` (system and user
chat messages asking for efficient code in the thinking/solution format), ``ability`` (``code``),
``reward_model`` (``{"style": "rule", "ground_truth": <problem id>}``) and ``extra_info`` (split, index,
problem id, suite, instruction). Pair the files with the reward module (``examples/verl_reward.py``)::

    python -m verl.trainer.main_ppo \\
        data.train_files=data/burner/train.parquet data.val_files=data/burner/test.parquet \\
        custom_reward_function.path=examples/verl_reward.py custom_reward_function.name=compute_score ...

A suite given as a path is written as an absolute path: ``compute_score`` loads it from there, so it
must be readable by every reward worker.

``--previous slowest_reference`` (or ``all_references``, ``starter``) writes steps of the refinement loop
instead of first attempts: each row's prompt shows a previous code and the env's feedback on it (each code is
evaluated once here, on every core), and ``extra_info["code"]`` holds the code the response must improve
(see "Multi-step training" in ``docs/DISTRIBUTED.md``).
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path


def split_problem_ids(problem_ids: list[str], test_fraction: float, seed: int) -> dict[str, list[str]]:
    """A seeded shuffle cut into ``train`` and ``test`` (at least one test problem when the fraction is > 0)."""
    shuffled = sorted(problem_ids)
    random.Random(seed).shuffle(shuffled)
    test_count = min(math.ceil(test_fraction * len(shuffled)), len(shuffled) - 1) if test_fraction > 0 else 0
    return {"train": sorted(shuffled[test_count:]), "test": sorted(shuffled[:test_count])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="builtin", help="suite name or path (see load_suite)")
    parser.add_argument("--instruction", default="time", choices=("time", "memory", "integral"))
    parser.add_argument("--out-dir", type=Path, default=Path("data/burner"))
    parser.add_argument("--test-fraction", type=float, default=0.1, help="share of problems held out")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--problem-ids", nargs="*", help="only these problems (default: the whole suite)")
    parser.add_argument("--previous", help="refinement rows: the code to improve is each problem's "
                        "slowest_reference, all_references (a row each) or starter code (default: first attempts)")
    args = parser.parse_args(argv)
    if not 0.0 <= args.test_fraction < 1.0:
        parser.error(f"--test-fraction must be in [0, 1); got {args.test_fraction}")
    # Imported after parsing, so that --help answers at once.
    import pyarrow as pa
    import pyarrow.parquet as pq

    from burner_env.integrations.verl import build_records
    from burner_env.problems import load_suite
    from burner_env.problems.suite import SUITE_NAMES

    problems = load_suite(args.suite)
    suite_name = args.suite if args.suite in SUITE_NAMES else str(Path(args.suite).resolve())
    problem_ids = args.problem_ids or [problem.id for problem in problems]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for split, ids in split_problem_ids(problem_ids, args.test_fraction, args.seed).items():
        if not ids:
            continue
        records = build_records(problems, args.instruction, problem_ids=ids, split=split, suite_name=suite_name,
                                previous=args.previous)
        path = args.out_dir / f"{split}.parquet"
        pq.write_table(pa.Table.from_pylist(records), path)
        print(f"{path}: {len(records)} rows from {len(ids)} problems")


if __name__ == "__main__":
    main()
