"""Shared fixtures: things a test owns on the host, so it can check that a sandboxed child left them alone."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def canary_dir(tmp_path: Path) -> Path:
    """A folder holding one file (``sentinel.txt``); nothing in it may change and nothing may appear."""
    folder = tmp_path / "canary"
    folder.mkdir()
    (folder / "sentinel.txt").write_text("the sandbox must not touch this\n")
    return folder


@pytest.fixture
def tcp_listener():
    """A listening TCP socket on 127.0.0.1 (non-blocking): ``accept`` must keep raising BlockingIOError."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    yield listener
    listener.close()


@pytest.fixture
def victim_process():
    """A harmless process in its own session (``sleep``) that no submission may be able to signal."""
    process = subprocess.Popen(["sleep", "600"], start_new_session=True,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()
