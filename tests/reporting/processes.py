"""The CLI as a fresh process that reports which heavy modules it imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys

AFTER = "2027-02-15T10:00:00+00:00"

# Runs the CLI's entry point, then says on the last line of stderr which heavy modules it imported.
PROBE = """
import sys
from cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(sorted(m for m in ("sqlalchemy", "openpyxl", "xlsxwriter") if m in sys.modules), file=sys.stderr)
sys.exit(code)
"""


def udsyn_process(db: str, actor: str, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_")} | {"UDSYN_CLOCK": AFTER}
    done = subprocess.run([sys.executable, "-c", PROBE, "--db", db, "--actor", actor, *args],
                          capture_output=True, text=True, env=env, timeout=120)
    *_, imported = done.stderr.strip().splitlines()
    return done, json.loads(imported.replace("'", '"'))
