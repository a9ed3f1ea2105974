"""`udsyn export` and `udsyn import`: the whole event stream as JSON Lines, chain included."""
from __future__ import annotations

import os
import tempfile

import click

from cli.main import CONTEXT


@click.command("export", context_settings=CONTEXT)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The JSON Lines file to write (replaced if it exists).")
@click.pass_obj
def export(s, output):
    """Write every stored event, with its position and chain link, to a JSON Lines file.

    \b
    Example:
      udsyn --db sqlite:///udsyn.db --actor revisor export -o udsyn-2026-03-01.jsonl
    """
    from cli.session import output_directory

    directory = output_directory(output)
    handle, temporary = tempfile.mkstemp(prefix=".udsyn-export-", suffix=".jsonl", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            summary = s.app.export_events(s.user, out)
        os.replace(temporary, output)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    s.emit({"file": output, "events": summary.events, "head": summary.head},
           f"exported {summary.events} events to {output}\nhead {summary.head}")


@click.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
def import_(s, file):
    """Restore an export into an empty database, verifying the chain while importing;
    a damaged file or a non-empty database is refused (exit 1) and nothing is written.

    \b
    Example:
      udsyn --db postgresql+psycopg://udsyn:…@db.kommun.se/udsyn import udsyn-2026-03-01.jsonl
    """
    from domain.errors import InvalidInput

    if not os.path.isfile(file):
        raise InvalidInput("file", f"no file {file}")
    from infrastructure.database import parse_url

    fresh = parse_url(s.db).sqlite_path
    fresh = fresh if fresh and not os.path.exists(fresh) else None
    s.creating = True
    try:
        with open(file, encoding="utf-8", newline="") as lines:
            summary = s.app.import_events(s.user, lines)
    except Exception:
        if fresh:  # a refused import leaves no empty database file behind
            s.app.close()
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(fresh + suffix):
                    os.unlink(fresh + suffix)
        raise
    s.emit({"file": file, "events": summary.events, "head": summary.head},
           f"imported {summary.events} events from {file}; the chain verifies\nhead {summary.head}")
