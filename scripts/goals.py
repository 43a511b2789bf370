#!/usr/bin/env python3
"""The speed and memory goals of routegraph, checked against a benchmark's results.

The benchmark (scripts/benchmark.py) prints this verdict below its table. Run alone it reads a
report the benchmark wrote with --json, so that an earlier run can be judged again:
  python3 scripts/goals.py bench-data/report.json
A goal whose input was not measured (say, the benchmark ran without --sizes 1GB, or with
--no-peer) is said to be not measured, never met.

The goals, all on the benchmark's inputs with all four formats written:
  - 1 GB of JSON Lines with 10 snapshots at 300 MB/s or more;
  - at least 50 times the reference script's speed on that archive;
  - peak memory at most 25% of the reference script's, on every input;
  - a 10-snapshot archive at most 1.1 times the memory of its 1-snapshot twin;
  - a directory of small files at 150 MB/s or more.
"""
import json, sys

TEN = " JSONL x10"
ONE = " JSONL x1"


def verdicts(rows):
    """One dict per goal: `goal` (what must hold), `measured` (the figure, or why there is none)
    and `met` (True, False, or None when not measured)."""
    by_input = {r["input"]: r for r in rows}
    gigabyte = by_input.get("1GB" + TEN)
    directories = [r for r in rows if r["input"].startswith("dir ")]
    with_peer = [r for r in rows if r.get("peerRss")]
    pairs = [(by_input[r["input"][:-len(ONE)] + TEN], r) for r in rows
             if r["input"].endswith(ONE) and r["input"][:-len(ONE)] + TEN in by_input]
    found = []

    def goal(text, measured, met):
        found.append({"goal": text, "measured": measured, "met": met})

    if gigabyte:
        speed = gigabyte["mb"] / gigabyte["wall"]
        goal("1 GB JSON Lines, 10 snapshots: >= 300 MB/s", f"{speed:.0f} MB/s ({gigabyte['wall']:.2f} s)", speed >= 300)
    else:
        goal("1 GB JSON Lines, 10 snapshots: >= 300 MB/s", "needs --sizes with 1GB", None)
    if gigabyte and gigabyte.get("peerWall"):
        ratio = gigabyte["peerWall"] / gigabyte["wall"]
        script = gigabyte["mb"] / gigabyte["peerWall"]
        goal("1 GB JSON Lines: >= 50x the reference script",
             f"{ratio:.1f}x (the script at {script:.1f} MB/s; 50x is {50 * script:.0f} MB/s)", ratio >= 50)
    else:
        goal("1 GB JSON Lines: >= 50x the reference script", "needs 1GB and the script", None)
    if with_peer:
        worst = max(with_peer, key=lambda r: r["rss"] / r["peerRss"])
        share = 100 * worst["rss"] / worst["peerRss"]
        goal("peak memory <= 25% of the script's, every input",
             f"at most {share:.1f}% ({worst['input']}: {worst['rss'] / 1e6:.1f} of {worst['peerRss'] / 1e6:.1f} MB)",
             share <= 25)
    else:
        goal("peak memory <= 25% of the script's, every input", "needs the script", None)
    if pairs:
        ten, one = max(pairs, key=lambda p: p[0]["rss"] / p[1]["rss"])
        ratio = ten["rss"] / one["rss"]
        goal("10 snapshots <= 1.1x the memory of 1", f"at most {ratio:.2f}x ({ten['input'][:-len(TEN)]})", ratio <= 1.1)
    else:
        goal("10 snapshots <= 1.1x the memory of 1", "needs an archive and its twin", None)
    if directories:
        slowest = min(directories, key=lambda r: r["mb"] / r["wall"])
        speed = slowest["mb"] / slowest["wall"]
        goal("directory of small files: >= 150 MB/s", f"{speed:.0f} MB/s ({slowest['input']}, {slowest['wall']:.2f} s)",
             speed >= 150)
    else:
        goal("directory of small files: >= 150 MB/s", "needs --dir-files", None)
    return found


def describe(found):
    """The verdict as lines of text, one per goal."""
    word = {True: "met", False: "MISSED", None: "not measured"}
    width = max(len(v["goal"]) for v in found)
    return [f"  {v['goal'].ljust(width)}  {word[v['met']]:<12}  {v['measured']}" for v in found]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/goals.py REPORT.json (written by scripts/benchmark.py --json)")
    try:
        with open(sys.argv[1]) as f:
            report = json.load(f)
    except (OSError, ValueError) as error:
        sys.exit(f"goals: cannot read {sys.argv[1]}: {error}")
    # Reports before the machine probe were a list of rows.
    rows = report["rows"] if isinstance(report, dict) else report
    print("goals:")
    print("\n".join(describe(verdicts(rows))))


if __name__ == "__main__":
    main()
