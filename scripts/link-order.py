#!/usr/bin/env python3
"""Writes scripts/link-order.txt: the functions of the installed binary that a small run executes,
for the linker to lay out side by side (scripts/build-static.sh passes it to lld as
--symbol-ordering-file).

Why: the kernel maps a program's code into memory 64 KB around each page it touches, so the
3,000 functions a run executes, scattered over 10 MB of code (most of it the Swift runtime and
standard library, linked in), kept about 6.5 MB of it resident: a third of a small run's peak.
Laid out together they keep about 1 MB less (docs/performance.md, sixteenth session).

It runs the binary under valgrind's callgrind on the shipped examples (--help, the generated
archive, every input shape) and lists each function of the binary that ran, in the order
callgrind reports them. Names no longer in the binary are skipped by the linker, so the file only
loses effect as the code changes; rerun this after large changes. Needs valgrind.

usage: scripts/link-order.py [--binary .build/static/release/routegraph]
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


def executed_functions(profile, binary):
    """The functions of `binary` that have a cost in a callgrind profile, in the profile's order."""
    objects, functions = {}, {}
    current_object = None
    found = []
    with open(profile, errors="replace") as f:
        for line in f:
            m = re.match(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if not m:
                continue
            kind, index, name = m.groups()
            # Names are given once, at their first use, and by index afterwards.
            table = objects if kind in ("ob", "cob") else functions
            if name is not None:
                table[index] = name
            if kind == "ob":
                current_object = objects.get(index)
            elif kind == "fn" and current_object == binary:
                found.append(functions.get(index))
    return [name for name in found if name and not name.startswith(("0x", "("))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "static", "release", "routegraph"))
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
        ]
        names, seen = [], set()
        for i, arguments in enumerate(runs):
            profile = os.path.join(work, f"callgrind.{i}")
            subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}",
                            binary] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not os.path.exists(profile):
                sys.exit(f"link-order: callgrind wrote no profile for routegraph {' '.join(arguments)}")
            for name in executed_functions(profile, binary):
                if name not in seen:
                    seen.add(name)
                    names.append(name)

    if len(names) < 500:
        sys.exit(f"link-order: only {len(names)} functions found; the profile was not read as expected")
    with open(OUTPUT, "w") as f:
        f.write("\n".join(names) + "\n")
    # A changed order file does not make the build link again by itself.
    if os.path.exists(args.binary) and os.path.abspath(args.binary).startswith(os.path.join(ROOT, ".build")):
        os.remove(args.binary)
    print(f"link-order: {len(names)} functions written to {os.path.relpath(OUTPUT, ROOT)}; "
          f"scripts/build-static.sh links with them next", file=sys.stderr)


if __name__ == "__main__":
    main()
