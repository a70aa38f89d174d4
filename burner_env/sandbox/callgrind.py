"""``measure="instructions"``: exact instruction counts of a test, from callgrind.

This machine's kernel exposes no hardware counters to guests (``perf stat -e instructions`` says
"not supported"), so counts come from valgrind's callgrind, which simulates the CPU: the same
program on the same input executes the same instructions, run after run, whatever else the
machine does. It is about 50–100× slower than running natively, so it is for evaluation and
calibration rather than the inner RL loop.

A callgrind run starts a fresh interpreter (valgrind must load it), so it cannot be a fork of the
zygote. The launcher confines the file system with Landlock before exec'ing valgrind (read-only
system and Python directories; one throwaway directory, where valgrind creates and unlinks its
start-up files), and the child harness loads the same seccomp filter as a native child (less the
rules that valgrind's own translation cache would break), so the submission can open no file.

**Where the count comes from.** Valgrind prints ``Collected : N`` at exit on its log descriptor
(``--log-fd``), a pipe to the parent that valgrind moves into its reserved descriptor range: the
client can neither write to it nor close it. Callgrind's profile file is not read at all. A count
is used only when valgrind exited normally (status 0) and printed exactly one such line; a
submission that kills the run before the summary, or forges a line, gets no count and a failure
verdict.

**What is counted.** The whole process; the count of a null submission run on the same test input
is subtracted, which leaves the submission's own instructions (interpreter start-up, input decoding
and the harness are identical in both runs and cancel exactly). The submission's text is
canonical (``core.canonical_source``), so comments and formatting never change a count.

**Judged like any run.** The counted run's answer goes through the same judge as the native runs:
a program that recognises the slow, counted run and answers differently there gets that verdict.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass

from burner_env.sandbox import _policy
from burner_env.sandbox.executor import (
    ZYGOTE_ENV,
    ZYGOTE_PATH,
    ChildLimits,
    ChildRun,
    _drive_child,
    _kill_group,
)

_SLOWDOWN = 200  # instrumented CPU time per native CPU second, generously
_LOG_LIMIT = 1 << 20  # valgrind's own messages; the client cannot add to them
_COLLECTED = re.compile(rb"^==(\d+)== Collected : (\d+)$", re.MULTILINE)


def check_available() -> None:
    if shutil.which("valgrind") is None:
        raise RuntimeError("measure='instructions' needs valgrind (Debian/Ubuntu: apt-get install valgrind)")
    if _policy.landlock_abi() < 1:
        raise RuntimeError("measure='instructions' needs Landlock (Linux ≥ 5.13, enabled) to confine "
                           "callgrind's file access; use measure='cpu' on this machine")


@dataclass
class CountedRun:
    """A test run under callgrind: the raw run (to be judged), and the count when it is valid."""

    run: ChildRun
    instructions: int | None
    problem: str = ""  # why there is no count


def run_counted(request_fd: int, test_index: int, limits: ChildLimits) -> CountedRun:
    """Run one test of a request under callgrind and read its instruction count. Never raises for
    anything the submission does; leaves no file behind."""
    out_dir = tempfile.mkdtemp(prefix="burner-callgrind-")
    pipes = [os.pipe() for _ in range(5)]  # control (to child), results, stdout, stderr, valgrind log
    (control_r, control_w), (results_r, results_w), (stdout_r, stdout_w), (stderr_r, stderr_w), (log_r, log_w) = pipes
    slow_limits = ChildLimits(time_s=limits.time_s * _SLOWDOWN + 30, memory_bytes=None,
                              output_bytes=limits.output_bytes, result_bytes=limits.result_bytes,
                              stack_bytes=limits.stack_bytes)
    env = dict(ZYGOTE_ENV, TMPDIR=out_dir,  # valgrind's start-up files
               BURNER_REQUEST_FD=str(request_fd), BURNER_CONTROL_FD=str(control_r),
               BURNER_RESULTS_FD=str(results_w), BURNER_TESTS=json.dumps([test_index]),
               BURNER_LIMITS=json.dumps({"memory_bytes": None, "stack_bytes": limits.stack_bytes,
                                         "cpu_seconds": int(slow_limits.time_s) + 60}))
    run = ChildRun()
    log = bytearray()
    process = None
    try:
        try:
            process = subprocess.Popen(
                [sys.executable, "-s", "-B", str(ZYGOTE_PATH), "--launch-callgrind", out_dir,
                 shutil.which("valgrind"), str(log_w)],
                pass_fds=(request_fd, control_r, results_w, log_w), env=env, stdin=subprocess.DEVNULL,
                stdout=stdout_w, stderr=stderr_w, cwd="/", start_new_session=True)
        finally:
            for fd in (control_r, results_w, stdout_w, stderr_w, log_w):
                os.close(fd)
        reader = threading.Thread(target=_read_log, args=(log_r, log), daemon=True)
        reader.start()
        _drive_child(process.pid, control_w, results_r, stdout_r, stderr_r, limits=slow_limits,
                     measure=False, sample_period_s=0.05, run=run, expected_tests=[test_index])
        if run.tests and run.tests[-1].result is not None and run.stopped_by_parent is None:
            try:
                os.write(control_w, b"x")  # let the child exit normally: valgrind prints its summary
                process.wait(timeout=120)
            except (OSError, subprocess.TimeoutExpired):
                pass  # the child closed its control pipe, or hangs: no summary, no count
    finally:
        if process is not None:
            _kill_group(process.pid)
            run.exit_code = process.wait()
        for fd in (control_w, results_r, stdout_r, stderr_r):
            os.close(fd)
        if process is not None:
            reader.join(timeout=30)
        os.close(log_r)
        shutil.rmtree(out_dir, ignore_errors=True)
    instructions, problem = instruction_count(bytes(log), process.pid, run.exit_code)
    return CountedRun(run, instructions, problem)


def _read_log(fd: int, log: bytearray) -> None:
    """Drain valgrind's log until it closes (so valgrind never blocks on it), keeping the start and
    the end: the summary is the last thing valgrind writes."""
    while chunk := os.read(fd, 65536):
        log += chunk
        if len(log) > 2 * _LOG_LIMIT:
            del log[_LOG_LIMIT:-_LOG_LIMIT]


def instruction_count(log: bytes, pid: int, exit_code: int | None) -> tuple[int | None, str]:
    """(count, "") from valgrind's log when the run ended normally with exactly one summary of
    this process; otherwise (None, why)."""
    if exit_code != 0:
        return None, f"the counted run did not end normally (exit status {exit_code})"
    summaries = [m for m in _COLLECTED.finditer(log) if int(m.group(1)) == pid]
    if len(summaries) != 1:
        return None, f"valgrind printed {len(summaries)} summaries instead of one"
    return int(summaries[0].group(2)), ""
