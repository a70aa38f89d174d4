"""``burner demo``: its hostile-submission table shows whole words (issue 11 found them cut)."""

from __future__ import annotations

from burner_env import demo
from burner_env.sandbox.results import Cost, Evaluation

LONG = ("RuntimeError: the submission made a system call the sandbox does not allow (connect on a "
        "socket), so the sandboxed child was killed and nothing it wrote was read")


def test_message_lines_wrap_at_word_boundaries():
    lines = demo.message_lines(f"first line\n{LONG}\n")
    assert len(lines) > 1 and " ".join(lines) == LONG  # only the last line, every word whole
    assert all(len(line) <= demo.MESSAGE_WIDTH for line in lines)
    assert demo.message_lines("") == [""]
    assert demo.message_lines("a" * 100) == ["a" * 100]  # one long word is kept, not cut


class _FakeSandbox:
    """Gives every reference a cost and every hostile submission the long message."""

    def __init__(self, **options) -> None:
        pass

    def __enter__(self) -> _FakeSandbox:
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def evaluate(self, problem, code):
        if code in demo.HOSTILE_SUBMISSIONS.values():
            return Evaluation(problem.id, "sandbox_violation", message=LONG)
        return Evaluation(problem.id, "accepted", cost=Cost(mode="cpu", cpu_ms=1.0, integral_mb_ms=1.0))


def test_the_demo_table_prints_whole_messages(monkeypatch, capsys):
    monkeypatch.setattr(demo, "Sandbox", _FakeSandbox)
    monkeypatch.setattr(demo, "run_iof_demo", lambda run_command: 0)
    assert demo.run_demo(run_command=lambda argv: 0) == 0
    table = capsys.readouterr().out.split("hostile submission", 1)[1]
    printed_words = table.split()
    assert all(word in printed_words for word in LONG.split())


def test_the_iof_demo_sees_nothing_noisy():
    """Greedy decoding turns any change in the prompt into another answer: the demo's IOF run counts
    instructions (exact) and its feedback gives only ranks, so two runs see the same prompts."""
    from burner_env.cli import build_parser

    args = build_parser().parse_args(demo.IOF_DEMO_ARGUMENTS)
    assert (args.measure, args.feedback, args.temperature) == ("instructions", "ranks", 0.0)
