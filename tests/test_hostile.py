"""A catalog of hostile submissions, each with the verdict it must get, and host checks after each.

Every case runs in a real sandbox (zygote + forked seccomp child). After each evaluation the test checks
that the host is unchanged:

* a canary folder owned by the test still holds exactly its one file, with the same content, and the
  ``/tmp`` path the submission tried to create does not exist; no core file appeared in ``/``;
* a TCP listener owned by the test never received a connection;
* a ``sleep`` process owned by the test (the *victim*, whose pid the submission is told) is still alive;
* no new child of the pytest process, the sandbox's zygote is still the same process, it has no child
  left, nothing else lives in its session, and no process forked from a sandboxed child (a grandchild
  of a zygote, or one re-parented to init) exists.

The expected value of the ``secret`` problem is a random 64-bit number: it never enters the child, so
frame walks and ``gc`` scans must not find it.

Run alone with ``pytest tests/test_hostile.py``.
"""

from __future__ import annotations

import os
import platform
import secrets
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from burner_env.problems import Problem
from burner_env.sandbox import Limits, Sandbox, executor

ZYGOTE_MARK = "_zygote.py"
SENTINEL_TEXT = "the sandbox must not touch this\n"
X86_64 = platform.machine() == "x86_64"

# --- problems -------------------------------------------------------------------------------------

SECRET = secrets.randbits(64) | (1 << 63)
SECRET_HINT_MODULUS = 1_000_003  # lets a memory scanner recognise the secret if it ever sees it

_FAST = {"time_s": 0.5, "memory_mb": 256}


def _problem(record: dict) -> Problem:
    return Problem.from_dict({"statement": "hostile-catalog problem", **record})


PROBLEMS = {
    # Two tests, so one child runs both (the shared-child path of the correctness run).
    "add": _problem({"id": "hostile-add", "io": "function", "entry_point": "solve", "limits": _FAST,
                     "tests": [{"args": [1, 2], "expected": 3}, {"args": [5, 5], "expected": 10}]}),
    "one": _problem({"id": "hostile-one", "io": "function", "entry_point": "solve", "limits": _FAST,
                     "tests": [{"args": [0, 1], "expected": 1}]}),
    "sort": _problem({"id": "hostile-sort", "io": "function", "entry_point": "solve", "limits": _FAST,
                      "tests": [{"args": [[3, 1, 2]], "expected": [1, 2, 3]}]}),
    "greet": _problem({"id": "hostile-greet", "io": "function", "entry_point": "solve", "limits": _FAST,
                       "tests": [{"args": ["ada"], "expected": "hello ada"}]}),
    "secret": _problem({"id": "hostile-secret", "io": "function", "entry_point": "solve",
                        "limits": {"time_s": 2.0, "memory_mb": 256},
                        "tests": [{"args": [SECRET % SECRET_HINT_MODULUS], "expected": SECRET}]}),
    "stdin": _problem({"id": "hostile-stdin", "io": "stdin", "limits": _FAST,
                       "tests": [{"stdin": "1 2\n", "expected": "3\n"},
                                 {"stdin": "10 20\n", "expected": "30\n"}]}),
    "class": _problem({"id": "hostile-class", "io": "class", "entry_point": "Solution.add",
                       "limits": _FAST,
                       "tests": [{"args": [1, 2], "expected": 3}, {"args": [5, 5], "expected": 10}]}),
    # Memory bombs: touching 256 MiB takes a few tenths of a CPU second on a busy machine.
    "mem": _problem({"id": "hostile-mem", "io": "function", "entry_point": "solve",
                     "limits": {"time_s": 2.0, "memory_mb": 256},
                     "tests": [{"args": [1, 2], "expected": 3}, {"args": [5, 5], "expected": 10}]}),
    # No limits of its own: the sandbox's defaults (1 s, 256 MiB) apply.
    "add_default": _problem({"id": "hostile-add-default", "io": "function", "entry_point": "solve",
                             "tests": [{"args": [1, 2], "expected": 3}, {"args": [5, 5], "expected": 10}]}),
}


# --- the catalog ----------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    code: str
    expected: frozenset
    problem: str = "add"
    guard: str | None = None  # code that must be refused (runtime_error) before this case may run
    x86_64_only: bool = False
    marks: list = field(default_factory=list)


DENIED = frozenset({"runtime_error", "sandbox_violation"})  # refused softly (errno) or killed (SIGSYS)


def case(id, code, expected, problem="add", **kw) -> Case:
    expected = frozenset({expected}) if isinstance(expected, str) else frozenset(expected)
    return Case(id, textwrap.dedent(code).lstrip("\n"), expected, problem, **kw)


LIBC = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
"""

# Raw machine code in an executable mapping (x86-64). Each snippet returns rax.
SHELLCODE = LIBC + """
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                      ctypes.c_long]

def run_machine_code(code):
    address = libc.mmap(None, 4096, 7, 0x22, -1, 0)  # PROT_RWX, MAP_PRIVATE | MAP_ANONYMOUS
    assert address not in (None, ctypes.c_void_p(-1).value)
    ctypes.memmove(address, code, len(code))
    return ctypes.CFUNCTYPE(ctypes.c_long)(address)()
"""


def lib(body: str) -> str:
    return LIBC + textwrap.dedent(body)


def shell(body: str) -> str:
    return SHELLCODE + textwrap.dedent(body)


def raw_syscall(id, number, args="", note="") -> Case:
    """A system call by number through libc's syscall(): if it succeeds, the submission is accepted."""
    code = LIBC + f"""
def solve(a, b):
    result = libc.syscall({number}{", " if args else ""}{args})  # {note}
    if result >= 0:
        return a + b
    raise OSError(ctypes.get_errno(), "refused")
"""
    return case(id, code, DENIED)


CATALOG: list[Case] = [
    # --- time ---------------------------------------------------------------------------------------
    case("sleep", """
        import time
        def solve(a, b):
            time.sleep(30)
            return a + b
    """, "time_limit"),
    case("sleep_at_import", """
        import time
        time.sleep(30)
        def solve(a, b):
            return a + b
    """, "time_limit"),
    case("busy_loop", """
        def solve(a, b):
            while True:
                pass
    """, "time_limit"),
    case("busy_loop_in_generator", """
        def forever():
            while True:
                pass
            yield 1
        def solve(a, b):
            return sum(forever())
    """, "time_limit"),
    case("ignore_sigalrm_sigxcpu_sigterm", """
        import signal
        def solve(a, b):
            for name in ("SIGALRM", "SIGXCPU", "SIGTERM", "SIGINT", "SIGHUP", "SIGVTALRM", "SIGPROF"):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
            while True:
                pass
    """, "time_limit"),
    case("raise_cpu_rlimit_then_spin", """
        import resource
        def solve(a, b):
            try:
                resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            except (ValueError, OSError):
                pass
            while True:
                pass
    """, "time_limit"),
    case("block_on_control_pipe", """
        import os
        def solve(a, b):
            os.read(3, 1)  # the harness's control pipe: nothing more will come
            return a + b
    """, "time_limit"),
    case("hang_in_del", """
        class Hang:
            def __del__(self):
                while True:
                    pass
        def solve(a, b):
            h = Hang()
            return a + b
    """, "time_limit"),
    case("hang_in_exception_str", """
        class Evil(Exception):
            def __str__(self):
                while True:
                    pass
        def solve(a, b):
            raise Evil()
    """, "time_limit"),
    case("hang_in_stdout_flush", """
        import sys
        class Stuck:
            def write(self, text):
                return len(text)
            def flush(self):
                while True:
                    pass
        def solve(a, b):
            sys.stdout = Stuck()
            return a + b
    """, "time_limit"),
    # atexit handlers never run (the harness leaves with os._exit): harmless, the answer stands.
    case("hang_in_atexit", """
        import atexit
        def spin():
            while True:
                pass
        atexit.register(spin)
        def solve(a, b):
            return a + b
    """, "accepted"),
    # --- memory -------------------------------------------------------------------------------------
    case("one_shot_bytearray_1e11", """
        def solve(a, b):
            return len(bytearray(10**11))
    """, "memory_limit", problem="mem"),
    case("gradual_list_growth", """
        def solve(a, b):
            chunks = []
            while True:
                chunks.append(bytearray(1 << 20))
    """, "memory_limit", problem="mem"),
    case("string_doubling", """
        def solve(a, b):
            s = "x"
            while True:
                s += s
    """, "memory_limit", problem="mem"),
    # Small objects: the memory limit or the CPU limit, whichever comes first.
    case("dict_growth", """
        def solve(a, b):
            d, i = {}, 0
            while True:
                d[i] = str(i)
                i += 1
    """, {"memory_limit", "time_limit"}),
    # As root with CAP_SYS_RESOURCE the hard limit could be raised: the allocation must still fail.
    case("raise_address_space_rlimit", """
        import resource
        def solve(a, b):
            big = resource.RLIM_INFINITY
            resource.setrlimit(resource.RLIMIT_AS, (big, big))
            block = bytearray(1 << 30)
            block[::4096] = b"x" * len(block[::4096])
            return a + b
    """, {"runtime_error", "memory_limit"}),
    case("raise_core_rlimit_then_segfault", """
        import ctypes, resource
        def solve(a, b):
            try:
                big = resource.RLIM_INFINITY
                resource.setrlimit(resource.RLIMIT_CORE, (big, big))
            except (ValueError, OSError):
                pass
            ctypes.string_at(0)
    """, "runtime_error"),
    # --- processes ----------------------------------------------------------------------------------
    case("fork_bomb", """
        import os
        def solve(a, b):
            while True:
                os.fork()
    """, DENIED),
    case("fork_bomb_resilient", """
        import os
        def solve(a, b):
            forked = 0
            for _ in range(200):
                try:
                    if os.fork() == 0:
                        while True:
                            pass
                    forked += 1
                except OSError:
                    pass
            assert forked > 0, "no fork succeeded"
            return a + b
    """, DENIED),
    case("thread_bomb", """
        import threading, time
        def solve(a, b):
            for _ in range(1000):
                threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
            return a + b
    """, DENIED),
    case("raw_thread_start", """
        import _thread, time
        def solve(a, b):
            _thread.start_new_thread(time.sleep, (60,))
            return a + b
    """, DENIED),
    case("subprocess_run_ls", """
        import subprocess
        def solve(a, b):
            subprocess.run(["ls", "/"], check=True)
            return a + b
    """, DENIED),
    case("os_system_touch", """
        import os
        def solve(a, b):
            status = os.system("touch @CANARY@/pwned @TMPFILE@")
            assert status == 0, status
            return a + b
    """, DENIED),
    case("os_popen", """
        import os
        def solve(a, b):
            out = os.popen("id").read()
            assert out, "no output"
            return a + b
    """, DENIED),
    case("os_execv", """
        import os
        def solve(a, b):
            os.execv("/bin/sh", ["sh", "-c", "touch @CANARY@/pwned"])
    """, DENIED),
    case("os_posix_spawn", """
        import os
        def solve(a, b):
            os.posix_spawn("/usr/bin/touch", ["touch", "@CANARY@/pwned"], {})
            return a + b
    """, DENIED),
    case("ctypes_execve", lib("""
        def solve(a, b):
            argv = (ctypes.c_char_p * 4)(b"sh", b"-c", b"touch @CANARY@/pwned", None)
            libc.execve(b"/bin/sh", argv, None)
            raise OSError(ctypes.get_errno(), "execve returned")
    """), DENIED),
    case("ctypes_via_dunder_import_execve", """
        def solve(a, b):
            ct = __import__("ctypes")
            libc = ct.CDLL(None)
            argv = (ct.c_char_p * 4)(b"sh", b"-c", b"touch @CANARY@/pwned", None)
            libc.execve(b"/bin/sh", argv, None)
            raise OSError("execve returned")
    """, DENIED),
    case("syscall_59_execve", lib("""
        def solve(a, b):
            argv = (ctypes.c_char_p * 4)(b"sh", b"-c", b"touch @CANARY@/pwned", None)
            libc.syscall(59, b"/bin/sh", argv, None)
            raise OSError(ctypes.get_errno(), "execve returned")
    """), DENIED),
    case("syscall_57_fork", lib("""
        def solve(a, b):
            pid = libc.syscall(57)
            if pid == 0:
                while True:
                    pass
            assert pid > 0, "fork refused"
            return a + b
    """), DENIED),
    case("syscall_56_clone", lib("""
        def solve(a, b):
            pid = libc.syscall(56, 17, 0, 0, 0, 0)  # clone(SIGCHLD): a plain fork
            if pid == 0:
                while True:
                    pass
            assert pid > 0, "clone refused"
            return a + b
    """), DENIED),
    raw_syscall("syscall_435_clone3", 435, "0, 0", "clone3"),
    # --- raw machine code: no executable memory can be made once the filter is in (the code would run
    # outside what is counted), so each of these fails at its mmap, before its system call -----------
    case("rwx_mmap_is_refused", shell("""
        def solve(a, b):
            run_machine_code(b"\\xc3")  # ret
            return a + b
    """), "runtime_error", x86_64_only=True),
    case("shellcode_execve", shell("""
        def solve(a, b):
            rax = run_machine_code(b"\\xb8\\x3b\\x00\\x00\\x00\\x0f\\x05\\xc3")  # mov eax,59; syscall; ret
            raise OSError(-rax, "execve reached the kernel")
    """), DENIED, x86_64_only=True),
    case("shellcode_socket", shell("""
        def solve(a, b):
            rax = run_machine_code(b"\\xb8\\x29\\x00\\x00\\x00\\x0f\\x05\\xc3")  # mov eax,41; syscall; ret
            raise OSError(-rax, "socket reached the kernel")
    """), DENIED, x86_64_only=True),
    case("int80_32bit_abi", shell("""
        def solve(a, b):
            rax = run_machine_code(b"\\xb8\\x14\\x00\\x00\\x00\\xcd\\x80\\xc3")  # getpid via int 0x80
            if rax > 0:
                return a + b  # a 32-bit system call got through
            raise OSError(-rax, "refused")
    """), DENIED, x86_64_only=True),
    raw_syscall("x32_abi_getpid", 0x40000000 | 39, "", "x32 getpid: would bypass a native-only rule list"),
    # --- files --------------------------------------------------------------------------------------
    case("write_canary_folder", """
        def solve(a, b):
            with open("@CANARY@/pwned", "w") as f:
                f.write("pwned")
            return a + b
    """, DENIED),
    case("append_to_sentinel", """
        def solve(a, b):
            with open("@CANARY@/sentinel.txt", "a") as f:
                f.write("pwned")
            return a + b
    """, DENIED),
    case("write_tmp", """
        def solve(a, b):
            with open("@TMPFILE@", "w") as f:
                f.write("pwned")
            return a + b
    """, DENIED),
    case("os_open_creat", """
        import os
        def solve(a, b):
            fd = os.open("@CANARY@/pwned", os.O_CREAT | os.O_WRONLY, 0o644)
            os.write(fd, b"pwned")
            return a + b
    """, DENIED),
    case("file_system_mutations", """
        import os
        def solve(a, b):
            attempts = [
                lambda: os.mkdir("@CANARY@/dir"),
                lambda: os.symlink("/etc/passwd", "@CANARY@/link"),
                lambda: os.link("@CANARY@/sentinel.txt", "@CANARY@/hard"),
                lambda: os.rename("@CANARY@/sentinel.txt", "@CANARY@/moved"),
                lambda: os.unlink("@CANARY@/sentinel.txt"),
                lambda: os.truncate("@CANARY@/sentinel.txt", 0),
                lambda: os.chmod("@CANARY@/sentinel.txt", 0o777),
                lambda: os.utime("@CANARY@/sentinel.txt", (0, 0)),
                lambda: os.mkfifo("@CANARY@/fifo"),
            ]
            for attempt in attempts:
                try:
                    attempt()
                    return a + b  # one mutation got through
                except OSError:
                    pass
            raise PermissionError("all refused")
    """, DENIED),
    raw_syscall("syscall_open_creat", 2, 'b"@CANARY@/pwned", 0o101, 0o644', "open(O_CREAT|O_WRONLY)"),
    case("read_etc_passwd", """
        def solve(a, b):
            return open("/etc/passwd").read()
    """, DENIED),
    case("read_parent_proc_mem", """
        import os
        def solve(a, b):
            with open(f"/proc/{os.getppid()}/mem", "rb") as f:
                return len(f.read(4096))
    """, DENIED),
    case("read_proc_self_environ", """
        def solve(a, b):
            return open("/proc/self/environ", "rb").read().decode()
    """, DENIED),
    case("chdir_and_listdir_root", """
        import os
        def solve(a, b):
            os.chdir("/")
            return os.listdir(".")
    """, DENIED),
    case("listdir_root", """
        import os
        def solve(a, b):
            return os.listdir("/")
    """, DENIED),
    case("stat_probe", """
        import os
        def solve(a, b):
            return os.stat("/etc/shadow").st_size
    """, DENIED),
    case("grow_stdin_memfd", """
        import os
        def solve(a, b):
            block = b"x" * (1 << 20)
            for _ in range(64):
                os.write(0, block)
            return a + b
    """, {"runtime_error", "output_limit"}),
    # --- network ------------------------------------------------------------------------------------
    case("tcp_connect_local_listener", """
        import socket
        def solve(a, b):
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            client.connect(("127.0.0.1", @PORT@))
            client.sendall(b"pwned")
            return a + b
    """, DENIED),
    # create_connection resolves the host first (the idna codec cannot be imported): refused earlier.
    case("tcp_create_connection", """
        import socket
        def solve(a, b):
            socket.create_connection(("127.0.0.1", @PORT@), timeout=1).sendall(b"pwned")
            return a + b
    """, DENIED),
    case("udp_sendto", """
        import socket
        def solve(a, b):
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"pwned", ("127.0.0.1", @PORT@))
            return a + b
    """, DENIED),
    case("unix_socketpair", """
        import socket
        def solve(a, b):
            socket.socketpair()
            return a + b
    """, DENIED),
    raw_syscall("syscall_41_socket", 41, "2, 1, 0", "socket(AF_INET, SOCK_STREAM)"),
    # --- signals and other processes ---------------------------------------------------------------
    case("kill_parent", """
        import os, signal
        def solve(a, b):
            os.kill(os.getppid(), signal.SIGKILL)
            return a + b
    """, DENIED),
    case("killpg_zero", """
        import os, signal
        def solve(a, b):
            os.killpg(0, signal.SIGKILL)
            return a + b
    """, DENIED),
    case("kill_zero", """
        import os, signal
        def solve(a, b):
            os.kill(0, signal.SIGKILL)
            return a + b
    """, DENIED),
    case("kill_everything", """
        import os, signal
        def solve(a, b):
            os.kill(-1, signal.SIGKILL)
            return a + b
    """, DENIED, guard="""
        import os
        def solve(a, b):
            os.kill(-1, 0)
            return a + b
    """),
    case("kill_victim", """
        import os, signal
        def solve(a, b):
            os.kill(@VICTIM@, signal.SIGKILL)
            return a + b
    """, DENIED),
    raw_syscall("syscall_62_kill_victim", 62, "@VICTIM@, 9", "kill(victim, SIGKILL)"),
    raw_syscall("syscall_434_pidfd_open_victim", 434, "@VICTIM@, 0", "pidfd_open(victim)"),
    # F_SETOWN + O_ASYNC on a pipe the parent reads or writes: the kernel sends SIGIO (or the signal
    # chosen with F_SETSIG) to the owner whenever the parent touches the pipe.
    case("fcntl_setown_sigio_victim", """
        import fcntl, os, time
        def solve(a, b):
            for fd in (1, 2, 3, 4):
                fcntl.fcntl(fd, fcntl.F_SETOWN, @VICTIM@)
                fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
            for _ in range(20):
                os.write(1, b"x" * 100)
                os.write(2, b"x" * 100)
                time.sleep(0.005)
            return a + b
    """, DENIED),
    case("fcntl_setsig_sigkill_victim_group", """
        import fcntl, os, time
        F_SETSIG = 10
        def solve(a, b):
            for fd in (1, 2, 3, 4):
                fcntl.fcntl(fd, fcntl.F_SETOWN, -@VICTIM@)  # the victim's process group
                fcntl.fcntl(fd, F_SETSIG, 9)
                fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
            for _ in range(20):
                os.write(1, b"x" * 100)
                time.sleep(0.005)
            return a + b
    """, DENIED),
    raw_syscall("ptrace_attach_parent", 101, "16, __import__('os').getppid(), 0, 0", "PTRACE_ATTACH"),
    raw_syscall("ptrace_traceme", 101, "0, 0, 0, 0", "PTRACE_TRACEME"),
    raw_syscall("process_vm_readv_parent", 310, "__import__('os').getppid(), 0, 0, 0, 0, 0",
                "process_vm_readv"),
    raw_syscall("prctl_no_new_privs_off", 157, "38, 0, 0, 0, 0", "prctl(PR_SET_NO_NEW_PRIVS, 0)"),
    raw_syscall("prctl_seccomp_mode_off", 157, "22, 0, 0, 0, 0", "prctl(PR_SET_SECCOMP, 0)"),
    raw_syscall("prctl_pdeathsig_off", 157, "1, 0, 0, 0, 0", "prctl(PR_SET_PDEATHSIG, 0)"),
    raw_syscall("prlimit_on_parent", 302, "__import__('os').getppid(), 9, 0, 0", "prlimit64(ppid, AS)"),
    raw_syscall("setuid_zero", 105, "0", "setuid"),
    raw_syscall("unshare_user_ns", 272, "0x10000000", "unshare(CLONE_NEWUSER)"),
    raw_syscall("mount_tmpfs", 165, 'b"none", b"/tmp", b"tmpfs", 0, 0', "mount"),
    raw_syscall("bpf_prog_load", 321, "5, 0, 0", "bpf"),
    raw_syscall("io_uring_setup", 425, "8, 0", "io_uring_setup"),
    raw_syscall("perf_event_open", 298, "0, 0, -1, -1, 0", "perf_event_open"),
    raw_syscall("personality", 135, "0xffffffff", "personality query"),
    raw_syscall("setsid", 112, "", "setsid"),
    # --- leaving early, forging success -------------------------------------------------------------
    case("sys_exit_0", """
        import sys
        def solve(a, b):
            sys.exit(0)
    """, "runtime_error"),
    case("os__exit_0", """
        import os
        def solve(a, b):
            os._exit(0)
    """, "runtime_error"),
    case("raise_systemexit", """
        def solve(a, b):
            raise SystemExit(0)
    """, "runtime_error"),
    case("raise_keyboardinterrupt", """
        def solve(a, b):
            raise KeyboardInterrupt
    """, "runtime_error"),
    case("print_success_then_exit", """
        import os, sys
        def solve(a, b):
            print("Success")
            print("accepted")
            sys.stdout.flush()
            os._exit(0)
    """, "runtime_error"),
    case("print_fake_result_json", """
        import json
        def solve(a, b):
            print(json.dumps({"i": 0, "ok": True, "value": 3, "verdict": "accepted", "passed": True}))
            print("Success")
    """, "wrong_answer"),
    case("stdin_print_success_then_exit", """
        import os, sys
        print("Success")
        sys.stdout.flush()
        os._exit(0)
    """, "runtime_error", problem="stdin"),
    case("forged_frame_wrong_value", """
        import json, os, struct
        def solve(a, b):
            body = json.dumps({"i": 0, "ok": True, "value": 999, "verdict": "accepted"}).encode()
            os.write(4, struct.pack(">I", len(body)) + body)
            os._exit(0)
    """, "wrong_answer"),
    case("forged_frame_garbage", """
        import os, struct
        def solve(a, b):
            os.write(4, struct.pack(">I", 9) + b"not json!")
            return a + b
    """, "runtime_error"),
    case("forged_frame_huge_header", """
        import os, struct, time
        def solve(a, b):
            os.write(4, struct.pack(">I", 2**31) + b"x" * 1000)
            time.sleep(5)
    """, "output_limit"),
    case("forged_frame_wrong_index", """
        import json, os, struct, time
        def solve(a, b):
            body = json.dumps({"i": 7, "ok": True, "value": 3}).encode()
            os.write(4, struct.pack(">I", len(body)) + body)
            time.sleep(5)
    """, "runtime_error"),
    case("forged_frame_ready_mid_test", """
        import json, os, struct, time
        def solve(a, b):
            body = json.dumps({"ready": 1}).encode()
            os.write(4, struct.pack(">I", len(body)) + body)
            time.sleep(5)
    """, "runtime_error"),
    case("forged_frame_deeply_nested", """
        import os, struct, time
        def solve(a, b):
            body = b'{"i": 0, "ok": true, "value": ' + b"[" * 5000 + b"]" * 5000 + b"}"
            os.write(4, struct.pack(">I", len(body)) + body)
            time.sleep(5)
    """, "runtime_error"),
    case("close_results_fd_then_sleep", """
        import os, time
        def solve(a, b):
            os.close(4)
            time.sleep(0.3)
            return a + b
    """, "runtime_error"),
    case("close_results_fd_then_spin", """
        import os
        def solve(a, b):
            os.close(4)
            while True:
                pass
    """, {"runtime_error", "time_limit"}),
    case("close_control_fd", """
        import os
        def solve(a, b):
            os.close(3)
            return a + b
    """, "runtime_error"),
    case("close_stdout_then_spin", """
        import os
        def solve(a, b):
            os.close(1)
            while True:
                pass
    """, "time_limit"),
    case("redirect_results_to_stdout", """
        import os
        def solve(a, b):
            os.dup2(1, 4)
            return a + b
    """, "runtime_error"),
    # --- output -------------------------------------------------------------------------------------
    case("huge_stdout", """
        def solve(a, b):
            line = "x" * 1000
            while True:
                print(line)
    """, "output_limit"),
    case("huge_stderr", """
        import sys
        def solve(a, b):
            line = "x" * 1000 + "\\n"
            while True:
                sys.stderr.write(line)
    """, "output_limit"),
    case("huge_single_write", """
        import os
        def solve(a, b):
            os.write(1, b"x" * (48 << 20))
            return a + b
    """, "output_limit"),
    case("huge_return_list_1e7", """
        def solve(a, b):
            return [7] * 10**7
    """, {"output_limit", "memory_limit"}),
    case("huge_return_string", """
        def solve(a, b):
            return "x" * (24 << 20)
    """, "output_limit"),
    case("huge_int_return", """
        def solve(a, b):
            return 10**100000
    """, "wrong_answer"),
    case("deeply_nested_return", """
        def solve(a, b):
            value = []
            for _ in range(10000):
                value = [value]
            return value
    """, "wrong_answer"),
    # --- equality and type tricks -------------------------------------------------------------------
    case("always_equal_object", """
        class Anything:
            def __eq__(self, other):
                return True
            def __ne__(self, other):
                return False
            __hash__ = object.__hash__
        def solve(a, b):
            return Anything()
    """, "wrong_answer"),
    case("int_subclass_always_equal", """
        class Int(int):
            def __eq__(self, other):
                return True
            __hash__ = int.__hash__
        def solve(a, b):
            return Int(-1)
    """, "wrong_answer"),
    case("list_subclass_always_equal", """
        class List(list):
            def __eq__(self, other):
                return True
        def solve(xs):
            return List()
    """, "wrong_answer", problem="sort"),
    case("str_subclass_always_equal", """
        class Str(str):
            def __eq__(self, other):
                return True
            __hash__ = str.__hash__
        def solve(name):
            return Str("nope")
    """, "wrong_answer", problem="greet"),
    case("class_attribute_spoof", """
        class Fake:
            __class__ = int
            def __eq__(self, other):
                return True
        def solve(a, b):
            return Fake()
    """, "wrong_answer"),
    case("bool_where_int_expected", """
        def solve(a, b):
            return True
    """, "wrong_answer", problem="one"),
    case("float_where_int_expected", """
        def solve(a, b):
            return float(a + b)
    """, "wrong_answer", problem="one"),
    case("tuple_where_list_expected", """
        def solve(xs):
            return tuple(sorted(xs))
    """, "wrong_answer", problem="sort"),
    case("tagged_dict_spoof", """
        def solve(xs):
            return {"t": sorted(xs)}
    """, "wrong_answer", problem="sort"),
    case("lone_surrogate_return", """
        def solve(name):
            return "hello \\ud800"
    """, "wrong_answer", problem="greet"),
    # --- the expected value is never in the child ---------------------------------------------------
    case("frame_walk_for_secret", """
        import sys
        def candidates(obj, depth, seen):
            if id(obj) in seen or depth > 6:
                return
            seen.add(id(obj))
            if type(obj) is int:
                yield obj
            elif isinstance(obj, (str, bytes)):
                text = obj if isinstance(obj, str) else obj.decode("latin-1")
                digits = ""
                for ch in text + " ":
                    if ch.isdigit():
                        digits += ch
                    else:
                        if 15 <= len(digits) <= 21:
                            yield int(digits)
                        digits = ""
            elif isinstance(obj, dict):
                for k, v in list(obj.items()):
                    yield from candidates(k, depth + 1, seen)
                    yield from candidates(v, depth + 1, seen)
            elif isinstance(obj, (list, tuple, set, frozenset)):
                for item in list(obj):
                    yield from candidates(item, depth + 1, seen)
        def solve(hint):
            frame, seen = sys._getframe(), set()
            while frame is not None:
                for scope in (frame.f_locals, frame.f_globals):
                    for value in candidates(scope, 0, seen):
                        if value >= 2**63 and value % @MODULUS@ == hint:
                            return value
                frame = frame.f_back
            return -1
    """, "wrong_answer", problem="secret"),
    case("gc_scan_for_secret", """
        import gc, re, sys
        def solve(hint):
            pattern = re.compile(r"\\d{15,21}")
            def check(value):
                return type(value) is int and value >= 2**63 and value % @MODULUS@ == hint
            for obj in gc.get_objects() + list(sys.modules.values()):
                items = ()
                if isinstance(obj, dict):
                    items = list(obj.keys()) + list(obj.values())
                elif isinstance(obj, (list, tuple, set, frozenset)):
                    items = list(obj)
                for item in items:
                    if check(item):
                        return item
                    if isinstance(item, (str, bytes)):
                        text = item if isinstance(item, str) else item.decode("latin-1")
                        for match in pattern.findall(text):
                            if check(int(match)):
                                return int(match)
            return -1
    """, "wrong_answer", problem="secret"),
    case("patch_builtins_and_json", """
        import builtins, json, sys
        class Anything(int):
            def __eq__(self, other):
                return True
        def solve(hint):
            builtins.type = lambda *args: int
            json.dumps = lambda *args, **kwargs: '{"i": 0, "ok": true, "value": 1}'
            codec = sys.modules.get("_codec")
            if codec is not None:
                codec.to_tagged = lambda value, *args: value
            builtins.isinstance = lambda *args: True
            return Anything(hint)
    """, {"wrong_answer", "runtime_error"}, problem="secret"),
    # --- stdin in a function problem ----------------------------------------------------------------
    case("function_reads_stdin", """
        import sys
        def solve(a, b):
            return int(sys.stdin.read())
    """, "runtime_error"),
    case("function_calls_input", """
        def solve(a, b):
            return int(input())
    """, "runtime_error"),
    # --- crashes ------------------------------------------------------------------------------------
    case("recursion_error", """
        def solve(a, b):
            return solve(a, b) + 1
    """, "runtime_error"),
    case("segfault_string_at_0", """
        import ctypes
        def solve(a, b):
            return ctypes.string_at(0)
    """, "runtime_error"),
    # A C-level stack overflow: a lowered stack limit, then C recursion (the json encoder).
    case("c_stack_overflow_segfault", """
        import json, resource, sys
        def solve(a, b):
            resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, 8 << 20))
            sys.setrecursionlimit(10**9)
            x = []
            for _ in range(10**6):
                x = [x]
            return len(json.dumps(x))
    """, {"runtime_error", "memory_limit"}, problem="mem"),
    case("deeply_nested_eval", """
        def solve(a, b):
            return eval("[" * 100000 + "]" * 100000)
    """, {"runtime_error", "memory_limit"}),
    case("abort", """
        import os
        def solve(a, b):
            os.abort()
    """, DENIED),
    case("hostile_exception_str_raises", """
        class Evil(Exception):
            def __str__(self):
                raise RuntimeError("no message for you")
        def solve(a, b):
            raise Evil()
    """, "runtime_error"),
    case("huge_exception_message", """
        def solve(a, b):
            raise ValueError("x" * 10**7)
    """, "runtime_error"),
    # --- malformed submissions ----------------------------------------------------------------------
    case("syntax_error", """
        def solve(a, b)
            return a + b
    """, "runtime_error"),
    case("missing_entry_point", """
        def something_else(a, b):
            return a + b
    """, "runtime_error"),
    case("entry_point_not_callable", """
        solve = 42
    """, "runtime_error"),
    case("nul_bytes_in_source", "def solve(a, b):\n    return a + b\x00\n", "runtime_error"),
    case("lone_surrogate_in_source", "def solve(a, b):\n    return '\ud800'\n", "runtime_error"),
    case("empty_submission", "   \n\t\n", "format_error"),
    case("import_numpy", """
        import numpy
        def solve(a, b):
            return int(numpy.int64(a + b))
    """, "runtime_error"),
    case("import_not_allowed_stdlib", """
        import sqlite3
        def solve(a, b):
            return a + b
    """, "runtime_error"),
    case("class_mode_missing_class", """
        class NotSolution:
            def add(self, a, b):
                return a + b
    """, "runtime_error", problem="class"),
    case("class_mode_init_raises", """
        class Solution:
            def __init__(self):
                raise RuntimeError("no instance")
            def add(self, a, b):
                return a + b
    """, "runtime_error", problem="class"),
    case("stdin_lone_surrogate_output", """
        print("\\ud800")
    """, "wrong_answer", problem="stdin"),
]

# Positive controls: innocent code must keep passing under the same policy.
CONTROLS: list[Case] = [
    case("ok_stdlib_mix", """
        import bisect, collections, functools, heapq, itertools, math, re
        def solve(a, b):
            counts = collections.Counter(re.findall(r"\\d", f"{a} {b} {a}"))
            heap = [a, b]
            heapq.heapify(heap)
            pairs = list(itertools.combinations([a, b], 2))
            total = functools.reduce(lambda x, y: x + y, [heapq.heappop(heap), heapq.heappop(heap)])
            assert math.gcd(12, 18) == 6 and bisect.bisect([1, 2, 3], 2) == 2 and pairs and counts
            return total
    """, "accepted", problem="add_default"),
    case("ok_decimal_fractions_statistics", """
        from decimal import Decimal
        from fractions import Fraction
        import statistics, random, datetime, time, string, struct, array, json, copy, enum, typing
        def solve(a, b):
            random.seed(a)
            assert statistics.mean([a, b]) == (a + b) / 2
            time.perf_counter(); datetime.datetime.now(); json.dumps([a]); copy.deepcopy([a])
            return int(Decimal(a) + Decimal(b)) + int(Fraction(0))
    """, "accepted", problem="add_default"),
    case("ok_recursion_5000", """
        def depth(n):
            return 0 if n == 0 else 1 + depth(n - 1)
        def solve(a, b):
            assert depth(5000) == 5000
            return a + b
    """, "accepted", problem="add_default"),
    case("ok_lru_cache_recursion_5000", """
        from functools import lru_cache
        @lru_cache(maxsize=None)
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def solve(a, b):
            fib(5000)
            return a + b
    """, "accepted", problem="add_default"),
    case("ok_moderate_print", """
        def solve(a, b):
            for i in range(5000):
                print("line", i, "αβγ")
            return a + b
    """, "accepted", problem="add_default"),
    case("ok_catches_own_errors", """
        import os
        def solve(a, b):
            try:
                open("/etc/hostname").read()
            except OSError:
                pass
            try:
                os.fork()
            except OSError:
                pass
            return a + b
    """, "accepted", problem="add_default"),
    case("ok_allocates_100mb", """
        def solve(a, b):
            block = bytearray(100 << 20)
            return a + b + block[12345]
    """, "accepted", problem="add_default"),
    case("ok_stdin_input", """
        a, b = map(int, input().split())
        print(a + b)
    """, "accepted", problem="stdin"),
    case("ok_stdin_open0", """
        a, b = map(int, open(0).read().split())
        print(a + b)
    """, "accepted", problem="stdin"),
    case("ok_stdin_buffer", """
        import sys
        data = sys.stdin.buffer.read().split()
        sys.stdout.write(str(int(data[0]) + int(data[1])) + "\\n")
    """, "accepted", problem="stdin"),
    case("ok_stdin_sys_exit_0_at_end", """
        import sys
        a, b = map(int, sys.stdin.readline().split())
        print(a + b)
        sys.exit(0)
    """, "accepted", problem="stdin"),
    case("ok_class_mode", """
        class Solution:
            def add(self, a: int, b: int) -> int:
                seen = defaultdict(int)
                seen[a] += 1
                return a + b
    """, "accepted", problem="class"),
]

ALL_CASES = CATALOG + CONTROLS
MEASURED_IDS = ("ok_stdlib_mix", "ok_recursion_5000", "ok_class_mode", "ok_stdin_input", "busy_loop",
                "sleep", "one_shot_bytearray_1e11", "fork_bomb_resilient", "forged_frame_wrong_value",
                "syscall_59_execve", "huge_stdout", "hang_in_atexit", "rwx_mmap_is_refused",
                "fcntl_setown_sigio_victim")


def _params(cases: list[Case]) -> list:
    params = []
    for c in cases:
        marks = list(c.marks)
        if c.x86_64_only:
            marks.append(pytest.mark.skipif(not X86_64, reason="x86-64 machine code"))
        params.append(pytest.param(c, id=c.id, marks=marks))
    return params


# --- the host, before and after -------------------------------------------------------------------


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    sid: int
    state: str
    cmdline: str


def processes() -> dict[int, Proc]:
    """Every process on the machine, from /proc (no psutil)."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
            with open(f"/proc/{name}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        found[int(name)] = Proc(int(name), int(fields[1]), int(fields[3]), fields[0].decode(), cmdline)
    return found


def children(procs: dict[int, Proc], pid: int) -> set[int]:
    return {p.pid for p in procs.values() if p.ppid == pid}


def zygotes_of_this_process(procs: dict[int, Proc] | None = None) -> set[int]:
    procs = processes() if procs is None else procs
    return {pid for pid in children(procs, os.getpid()) if ZYGOTE_MARK in procs[pid].cmdline}


def escaped_processes(procs: dict[int, Proc], before: dict[int, Proc]) -> list[Proc]:
    """New processes forked from a sandboxed child: a zygote's grandchild, or an orphan of one."""
    escaped = []
    for proc in procs.values():
        if proc.pid in before or ZYGOTE_MARK not in proc.cmdline:
            continue
        parent = procs.get(proc.ppid)
        grandparent = procs.get(parent.ppid) if parent else None
        orphan = parent is None or "python" not in parent.cmdline
        grandchild = (parent is not None and ZYGOTE_MARK in parent.cmdline
                      and grandparent is not None and ZYGOTE_MARK in grandparent.cmdline)
        if orphan or grandchild:
            escaped.append(proc)
    return escaped


class TrackedSandbox:
    """A Sandbox and the pid of its (single) zygote, identified once and re-identified if it dies."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.zygote: int | None = None

    def ensure_zygote(self) -> None:
        procs = processes()
        if self.zygote is not None and self.zygote in procs and procs[self.zygote].state != "Z":
            return
        before = zygotes_of_this_process(procs)
        ev = self.sandbox.evaluate(PROBLEMS["add_default"], "def solve(a, b):\n    return a + b\n")
        assert ev.verdict == "accepted", ev
        new = zygotes_of_this_process() - before
        assert len(new) <= 1, new
        if new:
            self.zygote = new.pop()
        else:  # started before we looked: the one zygote that is ours is the one still unclaimed
            assert self.zygote is None or self.zygote not in procs
            candidates = zygotes_of_this_process() - _CLAIMED_ZYGOTES
            assert len(candidates) == 1, f"cannot tell which zygote is ours: {candidates}"
            self.zygote = candidates.pop()
        _CLAIMED_ZYGOTES.add(self.zygote)


_CLAIMED_ZYGOTES: set[int] = set()


def _tracked_sandbox(measure: str):
    # Children never have ctypes (tests/test_reward_integrity.py checks it); here they get it back,
    # so that raw system calls test the seccomp filter on its own, as the layer of last resort.
    saved, executor.ZYGOTE_TEST_ARGS = executor.ZYGOTE_TEST_ARGS, ("--preimport-ctypes-for-tests",)
    try:
        sandbox = Sandbox(limits=Limits(time_s=1.0, memory_mb=256), measure=measure, repeats=1)
        tracked = TrackedSandbox(sandbox)
        tracked.ensure_zygote()
        yield tracked
    finally:
        executor.ZYGOTE_TEST_ARGS = saved
    # After the whole module: no child of any zygote of ours is alive; close() leaves no zygote.
    procs = processes()
    leftovers = {pid for z in _CLAIMED_ZYGOTES for pid in children(procs, z)}
    sandbox.close()
    assert not leftovers, f"processes forked by a zygote are still alive: {leftovers}"
    zygote = processes().get(tracked.zygote)
    assert zygote is None or zygote.state == "Z", "close() left the zygote running"


@pytest.fixture(scope="module")
def sandbox_none():
    yield from _tracked_sandbox("none")


@pytest.fixture(scope="module")
def sandbox_cpu():
    yield from _tracked_sandbox("cpu")


@dataclass
class Host:
    canary: Path
    tmp_file: Path
    listener: object
    victim: object

    def render(self, code: str) -> str:
        return (code.replace("@CANARY@", str(self.canary)).replace("@TMPFILE@", str(self.tmp_file))
                .replace("@PORT@", str(self.listener.getsockname()[1]))
                .replace("@VICTIM@", str(self.victim.pid)).replace("@MODULUS@", str(SECRET_HINT_MODULUS)))


@pytest.fixture
def host(canary_dir, tcp_listener, victim_process):
    tmp_file = Path("/tmp") / f"burner-hostile-{secrets.token_hex(8)}"
    yield Host(canary_dir, tmp_file, tcp_listener, victim_process)
    if tmp_file.exists():
        tmp_file.unlink()


def _core_files() -> set[str]:
    return {name for name in os.listdir("/") if name.startswith("core")}


def host_damage(host: Host, tracked: TrackedSandbox, before: dict[int, Proc], cores: set[str]) -> list[str]:
    """Everything that differs on the host after an evaluation (empty: unchanged)."""
    damage = []
    after = processes()
    listing = sorted(os.listdir(host.canary))
    if listing != ["sentinel.txt"]:
        damage.append(f"canary folder changed: {listing}")
    elif (host.canary / "sentinel.txt").read_text() != SENTINEL_TEXT:
        damage.append("canary file content changed")
    if host.tmp_file.exists():
        damage.append(f"{host.tmp_file} was created")
    if _core_files() - cores:
        damage.append(f"core files appeared in /: {_core_files() - cores}")
    try:
        connection, address = host.listener.accept()
        connection.close()
        damage.append(f"the test's listener accepted a connection from {address}")
    except BlockingIOError:
        pass
    if host.victim.poll() is not None:
        damage.append(f"the victim process died (status {host.victim.returncode})")
    new_children = children(after, os.getpid()) - children(before, os.getpid())
    if new_children:
        damage.append(f"new children of pytest: {[after[p] for p in new_children]}")
    zygote = after.get(tracked.zygote)
    if zygote is None or zygote.state == "Z":
        damage.append(f"the zygote {tracked.zygote} died")
    else:
        left = children(after, tracked.zygote)
        if left:
            damage.append(f"children of the zygote left alive: {[after[p] for p in left]}")
        session = {p.pid for p in after.values() if p.sid == tracked.zygote} - {tracked.zygote}
        if session:
            damage.append(f"other processes in the zygote's session: {[after[p] for p in session]}")
    escaped = escaped_processes(after, before)
    if escaped:
        damage.append(f"processes escaped from a sandboxed child: {escaped}")
    return damage


def run_case(tracked: TrackedSandbox, c: Case, host: Host):
    """Evaluate one case; return (verdict or 'raised ...', evaluation or None, damage)."""
    tracked.ensure_zygote()
    problem = PROBLEMS[c.problem]
    if c.guard is not None:
        ev = tracked.sandbox.evaluate(problem, host.render(textwrap.dedent(c.guard)))
        if ev.verdict != "runtime_error" or "PermissionError" not in ev.message:
            pytest.fail(f"guard not refused ({ev.verdict}: {ev.message}); not running {c.id}")
    before, cores = processes(), _core_files()
    try:
        ev = tracked.sandbox.evaluate(problem, host.render(c.code))
        verdict = ev.verdict
    except BaseException as error:  # evaluate must never raise for a submission
        ev, verdict = None, f"raised {type(error).__name__}: {str(error)[:200]}"
    return verdict, ev, host_damage(host, tracked, before, cores)


def _check(c: Case, verdict: str, ev, damage: list[str]) -> None:
    problems = list(damage)
    if verdict not in c.expected:
        message = ev.message[:300] if ev is not None else ""
        problems.insert(0, f"verdict {verdict!r} not in {sorted(c.expected)}: {message!r}")
    assert not problems, f"{c.id}: " + "; ".join(problems)


# --- tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("c", _params(ALL_CASES))
def test_hostile_submission(sandbox_none, host, c: Case):
    verdict, ev, damage = run_case(sandbox_none, c, host)
    _check(c, verdict, ev, damage)


@pytest.mark.parametrize("c", _params([c for c in ALL_CASES if c.id in MEASURED_IDS]))
def test_hostile_submission_measured(sandbox_cpu, host, c: Case):
    """The same cases through the measuring path (fresh child per test, CPU and memory readings)."""
    verdict, ev, damage = run_case(sandbox_cpu, c, host)
    _check(c, verdict, ev, damage)
    if verdict == "accepted":
        assert ev.cost is not None and ev.cost.mode == "cpu" and ev.cost.cpu_ms >= 0


def test_host_checks_detect_damage(sandbox_none, host):
    """The checks are not vacuous: damage done by the test itself (not by a child) is reported."""
    import socket
    import subprocess
    import sys

    tracked = sandbox_none
    tracked.ensure_zygote()
    before, cores = processes(), _core_files()
    (host.canary / "pwned").write_text("x")
    socket.create_connection(host.listener.getsockname(), timeout=1).close()
    child = subprocess.Popen(["sleep", "30"])
    # An orphan whose command line looks like a forked sandbox child (re-parented to init).
    subprocess.run([sys.executable, "-c", "import os\nif os.fork() == 0:\n"
                    "    os.execv('/bin/sleep', ['/x/_zygote.py', '30'])"], check=True)
    time.sleep(0.1)
    host.victim.kill()
    host.victim.wait()
    try:
        damage = " | ".join(host_damage(host, tracked, before, cores))
    finally:
        child.kill()
        child.wait()
        for proc in escaped_processes(processes(), before):
            os.kill(proc.pid, 9)
    for expected in ("canary folder changed", "accepted a connection", "victim process died",
                     "new children of pytest", "escaped from a sandboxed child"):
        assert expected in damage, damage


def test_catalog_is_large_and_unique():
    ids = [c.id for c in ALL_CASES]
    assert len(ids) == len(set(ids))
    assert len(CATALOG) >= 45
    assert all(c.expected and c.problem in PROBLEMS for c in ALL_CASES)
    assert set(MEASURED_IDS) <= set(ids)


# --- leaks ----------------------------------------------------------------------------------------

LEAK_MIX = [
    ("add_default", "def solve(a, b):\n    return a + b\n", "accepted"),
    ("add_default", "def solve(a, b):\n    return a - b\n", "wrong_answer"),
    ("add_default", "def solve(a, b):\n    raise ValueError(a)\n", "runtime_error"),
    ("add_default", "import os\ndef solve(a, b):\n    os.fork()\n", "runtime_error"),
    ("add_default", "import os\ndef solve(a, b):\n    os.execv('/bin/true', ['true'])\n",
     "sandbox_violation"),
    ("add_default", "def solve(a, b):\n    return len(bytearray(10**11))\n", "memory_limit"),
    ("add_default", "import os\ndef solve(a, b):\n    os.write(1, b'x' * (9 << 20))\n", "output_limit"),
    ("add_default", "import os\ndef solve(a, b):\n    os._exit(3)\n", "runtime_error"),
    ("add_default", "def solve(a, b)\n", "runtime_error"),
    ("stdin", "a, b = map(int, input().split())\nprint(a + b)\n", "accepted"),
    ("class", "class Solution:\n    def add(self, a, b):\n        return a + b\n", "accepted"),
    ("greet", "class S(str):\n    pass\ndef solve(n):\n    return S('hello ' + n)\n", "wrong_answer"),
]
LEAK_TIME_LIMIT = ("add_default", "def solve(a, b):\n    while True:\n        pass\n", "time_limit")


def _fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_no_leaks_over_2000_evaluations():
    """2,000 evaluations on one Sandbox: descriptors and children of pytest come back to where they were,
    and closing the sandbox (or leaving its ``with`` block) leaves no zygote behind."""
    fast = _problem({"id": "leak-spin", "io": "function", "entry_point": "solve",
                     "limits": {"time_s": 0.05, "memory_mb": 256},
                     "tests": [{"args": [1, 2], "expected": 3}]})
    fds_at_start, children_at_start = _fd_count(), children(processes(), os.getpid())
    with Sandbox(limits=Limits(time_s=1.0, memory_mb=256), measure="none", repeats=1) as sandbox:
        sandbox.evaluate(PROBLEMS["add_default"], LEAK_MIX[0][1])  # start the zygote
        fds_warm, children_warm = _fd_count(), children(processes(), os.getpid())
        zygotes = children_warm - children_at_start
        assert len(zygotes) == 1
        started = time.monotonic()
        for i in range(2000):
            if i % 200 == 199:
                name, code, expected = LEAK_TIME_LIMIT
                problem = fast
            else:
                name, code, expected = LEAK_MIX[i % len(LEAK_MIX)]
                problem = PROBLEMS[name]
            ev = sandbox.evaluate(problem, code)
            assert ev.verdict == expected, (i, code, ev.verdict, ev.message)
        elapsed = time.monotonic() - started
        assert _fd_count() == fds_warm
        assert children(processes(), os.getpid()) == children_warm
        zygote = zygotes.pop()
        assert not children(processes(), zygote)
    procs = processes()
    assert zygote not in procs or procs[zygote].state == "Z"
    assert _fd_count() == fds_at_start
    assert children(procs, os.getpid()) == children_at_start
    print(f"2000 evaluations in {elapsed:.1f} s; fds {fds_at_start} -> {fds_warm} -> {_fd_count()}")


def test_close_without_context_manager_leaves_no_zygote():
    before = children(processes(), os.getpid())
    sandbox = Sandbox(limits=Limits(time_s=1.0, memory_mb=256), measure="none", repeats=1)
    assert sandbox.evaluate(PROBLEMS["add_default"], LEAK_MIX[0][1]).verdict == "accepted"
    (zygote,) = children(processes(), os.getpid()) - before
    sandbox.close()
    procs = processes()
    assert zygote not in procs or procs[zygote].state == "Z"
    assert children(procs, os.getpid()) == before
    with pytest.raises(RuntimeError):
        sandbox.evaluate(PROBLEMS["add_default"], LEAK_MIX[0][1])
