"""The ``burner`` command."""

from __future__ import annotations

import argparse
import sys


def _demo(args: argparse.Namespace) -> int:
    from burner_env.demo import run_demo

    return run_demo()


def _validate(args: argparse.Namespace) -> int:
    from burner_env.validate import validate

    problem_ids = [pid.strip() for pid in args.problems.split(",") if pid.strip()] if args.problems else None
    try:
        report = validate(args.suite, problem_ids=problem_ids, measure=args.measure, repeats=args.repeats,
                          workers=args.workers, min_class_ratio=args.min_ratio, progress=not args.quiet)
    except (KeyError, FileNotFoundError, ValueError) as error:
        print(f"burner validate: {error}", file=sys.stderr)
        return 2
    print(report.table())
    return 0 if report.ok else 1


def _calibrate(args: argparse.Namespace) -> int:
    from burner_env.reference import CalibrationIncomplete, calibrate, load_reference

    try:
        distribution = calibrate(args.suite, args.measure, workers=args.workers, repeats=args.repeats,
                                 cache_dir=args.cache_dir, progress=not args.quiet, force=args.force)
    except CalibrationIncomplete as error:
        print(f"burner calibrate: {error}", file=sys.stderr)
        return 1
    except (FileNotFoundError, ValueError, RuntimeError) as error:
        print(f"burner calibrate: {error}", file=sys.stderr)
        return 2
    references = sum(len(entries) for entries in distribution.problems.values())
    passed = sum(entry.passed for entries in distribution.problems.values() for entry in entries)
    load_reference(args.suite, args.measure, cache_dir=args.cache_dir)  # proves it can be found again
    print(f"{args.measure} calibration of {args.suite!r}: {len(distribution.problems)} problems, "
          f"{passed}/{references} reference solutions passed; key {distribution.key['suite'][:12]} "
          f"(suite hash), repeats {distribution.repeats}")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


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
    calibrate.add_argument("--workers", type=_positive_int, default=1, help="evaluations at once (default 1)")
    calibrate.add_argument("--repeats", type=_positive_int, default=3,
                           help="runs of each measured test in cpu mode, median kept (default 3)")
    calibrate.add_argument("--cache-dir", help="where calibrations live (default: $BURNER_CACHE_DIR/calibration "
                           "or ~/.cache/burner-env/calibration)")
    calibrate.add_argument("--force", action="store_true", help="measure everything again")
    calibrate.add_argument("--quiet", action="store_true", help="no progress bar")
    calibrate.set_defaults(handler=_calibrate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
