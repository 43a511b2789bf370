#!/usr/bin/env python3
"""Writes scripts/link-order.txt: the functions of the installed binary that runs execute, for
the linker to lay out side by side (scripts/build-static.sh passes it to lld as
--symbol-ordering-file).

Why: the kernel maps a program's code into memory 64 KB around each page it touches, so the
3,000 functions a run executes, scattered over 10 MB of code (most of it the Swift runtime and
standard library, linked in), kept about 6.5 MB of it resident: a third of a small run's peak.
Laid out together they keep about 1 MB less (docs/performance.md, sixteenth session).

It runs the binary under valgrind's callgrind on the shipped examples (--help, the generated
archive, every input shape) and lists each function of the binary that ran, the ones that
executed the most instructions first. Names no longer in the binary are skipped by the linker,
so the file only loses effect as the code changes; rerun this after large changes, and
scripts/build-static.sh links again with the new list. Needs valgrind.

usage: scripts/link-order.py [--binary .build/static/release/routegraph] [--also INPUT ...]

--also converts more inputs under callgrind, after the examples: an archive of some tens of
megabytes and a directory take the code paths of large runs (files written side by side, the
graph packed on both threads) that the small examples never reach. The committed list was made
with --also bench-data/jsonl-100MB-s1.jsonl and a directory of 3,000 files of
bench-data/dir-files-100000 (scripts/benchmark.py --generate-only makes both).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "scripts", "link-order.txt")


def add_self_costs(profile, binary, cost):
    """Adds the instructions each function of `binary` executed itself (not in its callees) in a
    callgrind profile to `cost`, by name."""
    objects, functions = {}, {}
    current_object = current = None
    after_call = False
    with open(profile, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$", line)
            if m:
                kind, index, name = m.groups()
                # Names are given once, at their first use, and by index afterwards.
                table = objects if kind in ("ob", "cob") else functions
                if name is not None:
                    table[index] = name
                if kind == "ob":
                    current_object = objects.get(index)
                elif kind == "fn":
                    name = functions.get(index)
                    current = name if current_object == binary and name and not name.startswith(("0x", "(")) else None
                    if current:
                        cost.setdefault(current, 0)
                continue
            if line.startswith("calls="):
                after_call = True  # The next cost line is the call's, callees included.
                continue
            fields = line.split()
            if fields and (fields[0][0].isdigit() or fields[0][0] in "+-*"):
                if not after_call and current and len(fields) > 1 and fields[-1].isdigit():
                    cost[current] += int(fields[-1])
                after_call = False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "static", "release", "routegraph"))
    ap.add_argument("--also", nargs="+", default=[], metavar="INPUT", help="more inputs to convert under callgrind")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("link-order: valgrind is missing (apt-get install valgrind)")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"link-order: no binary at {args.binary}; build it first (scripts/build-static.sh)")

    with tempfile.TemporaryDirectory() as work:
        # Without debug information callgrind starts in a moment; symbol names are all it needs.
        binary = os.path.join(work, "routegraph")
        shutil.copy(args.binary, binary)
        subprocess.run(["strip", "-g", binary], check=True)
        runs = [
            ["--help"],
            ["convert", os.path.join(ROOT, "Examples", "generated", "archive"), "--output", os.path.join(work, "a"),
             "--report", os.path.join(work, "a.json")],
            ["convert", os.path.join(ROOT, "Examples", "shapes"), "--output", os.path.join(work, "b")],
        ] + [["convert", os.path.abspath(path), "--output", os.path.join(work, f"also{i}")] for i, path in enumerate(args.also)]
        cost = {}
        for i, arguments in enumerate(runs):
            profile = os.path.join(work, f"callgrind.{i}")
            subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}",
                            binary] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not os.path.exists(profile):
                sys.exit(f"link-order: callgrind wrote no profile for routegraph {' '.join(arguments)}")
            add_self_costs(profile, binary, cost)
    # Hottest first: the code a large run spends its time in shares as few pages (and TLB
    # entries) as it can; for a small run's memory only the set matters.
    names = sorted(cost, key=lambda name: (-cost[name], name))

    if len(names) < 500:
        sys.exit(f"link-order: only {len(names)} functions found; the profile was not read as expected")
    with open(OUTPUT, "w") as f:
        f.write("\n".join(names) + "\n")
    print(f"link-order: {len(names)} functions written to {os.path.relpath(OUTPUT, ROOT)}; "
          f"scripts/build-static.sh links with them next", file=sys.stderr)


if __name__ == "__main__":
    main()
