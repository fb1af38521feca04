"""Starting and stopping `kg serve` in tests: a real server process on a free port."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

KG = str(Path(sys.executable).parent / "kg")


def start(store: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """Start `kg serve` on a free port; return the process and its base URL once it listens."""
    process = subprocess.Popen([KG, "serve", "--store", str(store), "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    found = re.search(r"(http://\S+?)/query", line)
    if not found:
        process.kill()
        pytest.fail(f"kg serve did not start: {line}{process.stderr.read()}")
    return process, found[1]


def stop(process: subprocess.Popen) -> str:
    """Stop the server as Ctrl-C would (SIGTERM); what it wrote on stderr."""
    process.terminate()
    _, err = process.communicate(timeout=30)
    return err
