"""The seccomp policy of sandboxed children, and the rlimits that go with it.

Standalone (standard library + pyseccomp): the zygote imports this file by path.

The policy is an allow-list with a default of *kill the process* (the parent reports SIGSYS as a
``sandbox_violation``). Calls that innocent Python code makes while probing its surroundings
(opening a file to import a module, ``stat`` for a traceback's source line, ``ioctl`` to ask
whether stdout is a terminal, starting a thread) fail softly with an errno instead, so they become
ordinary Python exceptions.

The BPF program is generated once (in the zygote) and installed in each child with ``prctl``:
libseccomp's own ``seccomp_load`` would regenerate the program for every child.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_AT_EMPTY_PATH = 0x1000
_LOW_32_BITS = 0xFFFFFFFF

# Memory, signals, time, and I/O on file descriptors the child already holds.
ALLOWED = (
    "read", "write", "readv", "writev", "pread64", "pwrite64", "close", "lseek", "fstat",
    "mmap", "munmap", "mremap", "mprotect", "brk", "madvise", "mincore", "msync",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack", "restart_syscall",
    "futex", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getpgrp",
    "getrandom", "clock_gettime", "clock_getres", "gettimeofday", "time", "times", "getrusage",
    "nanosleep", "clock_nanosleep", "sched_yield", "sched_getaffinity", "getcpu",
    "select", "pselect6", "poll", "ppoll", "dup", "dup2", "dup3", "fcntl",
    "uname", "sysinfo", "getrlimit", "setrlimit", "getcwd",
    "exit", "exit_group",
)

# Soft denials: the call fails with this errno instead of killing the child.
SOFT_DENIED = {
    errno.EACCES: (
        "open", "openat", "creat", "stat", "lstat", "statx", "access", "faccessat", "faccessat2",
        "readlink", "readlinkat", "getdents", "getdents64", "chdir", "fchdir", "statfs", "fstatfs",
        "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
        "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown",
        "lchown", "fchownat", "truncate", "ftruncate", "utimensat", "mknod", "mknodat",
    ),
    errno.ENOTTY: ("ioctl",),
    errno.EPERM: (
        "clone", "fork", "vfork", "kill", "tkill", "tgkill", "prctl", "setsid", "setpgid",
        "pipe", "pipe2", "eventfd2", "memfd_create", "epoll_create", "epoll_create1",
        "sched_setaffinity", "setpriority", "mlock", "mlockall",
    ),
    errno.ENOSYS: ("clone3", "openat2", "rseq"),
}


def build_filter_bpf() -> bytes:
    """Compile the policy to a classic-BPF program for this machine's architecture."""
    import pyseccomp as seccomp

    policy = seccomp.SyscallFilter(defaction=seccomp.KILL_PROCESS)
    # A 32-bit or x32 system call number would bypass a native-only rule list.
    policy.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
    for name in ALLOWED:
        _add(policy, seccomp.ALLOW, name)
    # fstat() is newfstatat(fd, "", buf, AT_EMPTY_PATH) in modern glibc; path lookups are denied.
    _add(policy, seccomp.ALLOW, "newfstatat",
         seccomp.Arg(3, seccomp.MASKED_EQ, _AT_EMPTY_PATH, _AT_EMPTY_PATH))
    _add(policy, seccomp.ERRNO(errno.EACCES), "newfstatat",
         seccomp.Arg(3, seccomp.MASKED_EQ, _AT_EMPTY_PATH, 0))
    # Resource limits of this process only: prlimit64 on another pid could starve the host.
    _add(policy, seccomp.ALLOW, "prlimit64", seccomp.Arg(0, seccomp.MASKED_EQ, _LOW_32_BITS, 0))
    for error, names in SOFT_DENIED.items():
        for name in names:
            _add(policy, seccomp.ERRNO(error), name)
    read_fd, write_fd = os.pipe()
    try:
        with os.fdopen(write_fd, "wb") as sink:
            policy.export_bpf(sink)
        chunks = []
        while chunk := os.read(read_fd, 65536):
            chunks.append(chunk)
    finally:
        os.close(read_fd)
    return b"".join(chunks)


def _add(policy, action: int, name: str, *args) -> None:
    try:
        policy.add_rule(action, name, *args)
    except (OSError, ValueError, RuntimeError):
        pass  # the call does not exist on this architecture (e.g. 'open' on arm64)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


_libc = ctypes.CDLL(None, use_errno=True)


def install_filter(bpf: bytes) -> None:
    """Load the BPF program into this process; it cannot be removed afterwards."""
    program = ctypes.create_string_buffer(bpf, len(bpf))
    fprog = _SockFprog(len(bpf) // 8, ctypes.addressof(program))
    if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if _libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")


def apply_rlimits(memory_bytes: int | None, cpu_seconds: int, stack_bytes: int) -> None:
    """Hard and soft limits alike, so the child cannot raise them back."""
    limits = {
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_FSIZE: 0,
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_NOFILE: 16,
        resource.RLIMIT_STACK: stack_bytes,
        resource.RLIMIT_MEMLOCK: 0,
        resource.RLIMIT_MSGQUEUE: 0,
    }
    if memory_bytes is not None:
        limits[resource.RLIMIT_AS] = memory_bytes
    for which, value in limits.items():
        resource.setrlimit(which, (value, value))
