"""BENCHMARKS.md is assembled from sections; each bench rewrites only its own."""
from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

FILE = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
HEADER = """# Benchmarks

Every figure is our path against a raw baseline measured in the same run, on the same machine,
as a ratio (higher is better unless the row says otherwise). `make bench` rewrites this file;
`make bench-smoke` runs a seconds-long version that writes nothing. The machines are shared and
noisy: read ratios, not absolute numbers, and expect a few percent of jitter.
"""


def machine() -> str:
    """One line naming the machine, the interpreter (its build decides much of a command's CPU) and
    the date, for each section."""
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"{when}; {cpu}, {os.cpu_count()} cores; Python {platform.python_version()} ({sys.base_prefix}); {_git_head()}"


def _git_head() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        return f"commit {out.stdout.strip()}"
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"


def write_section(name: str, markdown: str) -> None:
    """Replace (or append) the section `name` of BENCHMARKS.md, leaving the others as they are."""
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{markdown.strip()}\n\n_Measured {machine()}._\n{end}"
    text = FILE.read_text() if FILE.exists() else HEADER
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    FILE.write_text(text if text.endswith("\n") else text + "\n")


def ratio(ours: float, baseline: float) -> str:
    """Throughput ratio, ours / baseline, as `0.73×`."""
    return f"{ours / baseline:.2f}×" if baseline else "n/a"
