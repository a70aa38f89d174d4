"""``measure="instructions"``: exact instruction counts of a test, from callgrind.

This machine's kernel exposes no hardware counters to guests (``perf stat -e instructions`` says
"not supported"), so counts come from valgrind's callgrind, which simulates the CPU: the same
program on the same input executes the same instructions, run after run, whatever else the
machine does.

**A counted zygote.** Valgrind must start the interpreter itself, and that start-up costs seconds
under instrumentation; so each worker runs one *zygote under callgrind* (``CountedZygote``), started
once, whose forked children run one test each, exactly like a native zygote's. The launcher
confines the file system with Landlock before exec'ing valgrind (read-only system and Python
directories; one throwaway directory, where valgrind creates and unlinks its start-up files), and
each child loads the native seccomp filter less the rules that valgrind's translation cache would
break, plus the one ``open`` callgrind makes at exit (to write its profile to /dev/null).

**What is counted.** Valgrind runs with ``--collect-atstart=no --toggle-collect=burner_measured_call``:
only instructions executed while the harness's ``_lockdown.measured_call`` is on the stack count —
the test's window (compiling the code, running it, encoding its answer), the same window the
``cpu`` mode times. A submission cannot switch counting off: it has no machine code of its own
to issue client requests (no ctypes, no executable mappings, no forged bytecode), and entering
``measured_call`` again is refused before anything runs. The null submission's count on the same
input is subtracted, as the null baseline is in ``cpu`` mode. The submission's text is canonical
(``core.canonical_source``), so comments and formatting never change a count.

**Where the count comes from.** A child prints ``Collected : N`` as it exits normally, on valgrind's
log descriptor (``--log-fd``): a pipe to the parent that valgrind keeps in its reserved descriptor
range, which the client can neither write to nor close. Callgrind's profile file is never read. A
count is used only when the child exited with status 0 and exactly one summary of its pid arrived;
a submission that dies before its summary, or forges one, gets no count and a failure verdict.

**Judged like any run.** The counted run's answer goes through the same judge as the native runs:
a program that recognises the slow, counted run and answers differently there gets that verdict.

**Determinism.** Counts of one program on one input agree to within a few tens of instructions
(the zygote's heap differs slightly from fork to fork), about 1e-5 of a typical test.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
import threading
from typing import TYPE_CHECKING

from burner_env.sandbox import _policy

if TYPE_CHECKING:  # the executor imports this module at run time, not the reverse
    from burner_env.sandbox.executor import ChildLimits

_SLOWDOWN = 200  # instrumented CPU time per native CPU second, generously
_LOG_LIMIT = 1 << 20  # bytes of valgrind messages kept while no summary is found in them
_COLLECTED = re.compile(rb"^==(\d+)== Collected : (\d+)$", re.MULTILINE)
_SUMMARY_WAIT_S = 30.0


def check_available() -> None:
    if shutil.which("valgrind") is None:
        raise RuntimeError("measure='instructions' needs valgrind (Debian/Ubuntu: apt-get install valgrind)")
    if _policy.landlock_abi() < 1:
        raise RuntimeError("measure='instructions' needs Landlock (Linux ≥ 5.13, enabled) to confine "
                           "callgrind's file access; use measure='cpu' on this machine")


def slow_limits(limits: ChildLimits) -> ChildLimits:
    """Limits for an instrumented child: no address-space limit (valgrind reserves
    much), and CPU time scaled for instrumentation (the verdict on time was given by a native run)."""
    return dataclasses.replace(limits, time_s=limits.time_s * _SLOWDOWN + 30, memory_bytes=None)


class CountedZygote:
    """The callgrind side of a counted ``executor.Zygote``: starts it under valgrind, reads
    valgrind's log, and hands out each child's count once."""

    def __init__(self) -> None:
        self._out_dir = tempfile.mkdtemp(prefix="burner-callgrind-")
        self._counts: dict[int, list[int]] = {}
        self._changed = threading.Condition()
        self._log_r: int | None = None
        self._reader: threading.Thread | None = None

    def start(self, zygote_command: list[str], pass_fds: tuple[int, ...], stderr,
              env: dict[str, str]) -> subprocess.Popen:
        """Start ``zygote_command`` (``python -s -B _zygote.py ARGS...``, with environment ``env``) under
        callgrind. (The executor passes both in: this module does not import the executor back.)"""
        log_r, log_w = os.pipe()
        try:
            process = subprocess.Popen(
                [*zygote_command[:4], "--launch-callgrind", self._out_dir,
                 shutil.which("valgrind"), str(log_w), *zygote_command[4:]],
                pass_fds=(*pass_fds, log_w), env=dict(env, TMPDIR=self._out_dir),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, cwd="/",
                start_new_session=True)
        except BaseException:
            os.close(log_r)
            raise
        finally:
            os.close(log_w)
        self._log_r = log_r
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()
        return process

    def _read_log(self) -> None:
        """Collect every ``==pid== Collected : N`` line until valgrind closes its log."""
        pending = b""
        while chunk := os.read(self._log_r, 65536):
            pending += chunk
            complete, _, pending = pending.rpartition(b"\n")
            found = [(int(m.group(1)), int(m.group(2))) for m in _COLLECTED.finditer(complete)]
            if found:
                with self._changed:
                    for pid, count in found:
                        self._counts.setdefault(pid, []).append(count)
                    self._changed.notify_all()
            pending = pending[-_LOG_LIMIT:]

    def count_of(self, pid: int, exit_code: int | None) -> tuple[int | None, str]:
        """(count, "") for a child that exited normally with exactly one summary; else (None, why).
        The summary is written before the child exits, but read here by another thread."""
        if exit_code != 0:
            with self._changed:
                self._counts.pop(pid, None)
            return None, f"the counted run did not end normally (exit status {exit_code})"
        with self._changed:
            self._changed.wait_for(lambda: pid in self._counts, timeout=_SUMMARY_WAIT_S)
            counts = self._counts.pop(pid, [])
        if len(counts) != 1:
            return None, f"valgrind printed {len(counts)} summaries for the counted run instead of one"
        return counts[0], ""

    def close(self) -> None:
        """After the zygote has exited: the log closes and the reader ends."""
        if self._reader is not None:
            self._reader.join(timeout=30)
        if self._log_r is not None:
            os.close(self._log_r)
            self._log_r = None
        shutil.rmtree(self._out_dir, ignore_errors=True)
