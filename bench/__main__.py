"""`python -m bench [--smoke] [NAME …]`: run every bench_*.py (or the named ones)."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import bench


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, seconds; writes nothing")
    parser.add_argument("names", nargs="*", help="bench names, e.g. command_path rebuild")
    args = parser.parse_args()
    found = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    unknown = set(args.names) - set(found)
    if unknown:
        print(f"error: no bench named {', '.join(sorted(unknown))} (have: {', '.join(found)})", file=sys.stderr)
        return 2
    for name in args.names or found:
        print(f"== bench {name}{' (smoke)' if args.smoke else ''}", flush=True)
        importlib.import_module(f"bench.bench_{name}").main(smoke=args.smoke)
    return 0


if __name__ == "__main__":
    sys.exit(main())
