#!/usr/bin/env python3
"""routegraph shard-and-merge benchmark: an archive converted whole, and cut into shards that are
converted one by one and merged (docs/merge.md), as a Spark job runs them (Examples/spark/).

The archive is the benchmark's 10-snapshot JSON Lines archive of --size (bench-data/, made by
`scripts/benchmark.py --generate-only` when missing). It is cut into --shards shards of whole lines,
in order, once (bench-data/shards-<size>-<n>/). Each run then, in turn:
  convert  the whole archive to graphml,dot,csv,jsonl (what one machine does alone);
  shards   each shard to a graph.jsonl fragment (`convert --format jsonl`), one after another;
  merge    the fragments to graphml,dot,csv,jsonl.
It prints the medians of --runs runs: wall time and peak RSS of the whole conversion and of the
merge, the shards' slowest and total time, and what N machines would take (slowest shard + merge).
The merged graph's node and edge counts must equal the whole conversion's (their --report files),
or the benchmark stops: a fast merge of the wrong graph is no result.

With --against OLD_BINARY, each run also merges the same fragments with the older binary, the two
merges taken in turns (old first in every other run), since this machine's speed moves between
minutes: the medians of both, and their ratio, are printed, and the older merge's counts are
checked the same way.

  python3 scripts/benchmark_merge.py --binary .build/static/release/routegraph --size 1GB --shards 4
"""
import argparse, json, os, shutil, statistics, subprocess, sys

import benchmark

ROOT = benchmark.ROOT
FORMATS = "graphml,dot,csv,jsonl"


def shards(archive, count, directory):
    """Paths of `count` shards of whole lines of `archive`, in order, cut once into `directory`."""
    paths = [os.path.join(directory, f"shard-{i}.jsonl") for i in range(count)]
    done = os.path.join(directory, ".complete")
    if os.path.exists(done) and os.path.getmtime(done) >= os.path.getmtime(archive):
        return paths
    os.makedirs(directory, exist_ok=True)
    size = os.path.getsize(archive)
    with open(archive, "rb") as source:
        for i, path in enumerate(paths):
            # Up to the first line end after this shard's share of the bytes: whole lines each.
            end = size * (i + 1) // count
            with open(path + ".partial", "wb") as shard:
                while source.tell() < end:
                    line = source.readline()
                    if not line:
                        break
                    shard.write(line)
            os.replace(path + ".partial", path)
    open(done, "w").close()
    return paths


def counts(report):
    graph = json.load(open(report))["graph"]
    return graph["nodes"], graph["edges"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1GB", help="the archive's size, as benchmark.py names it (default 1GB)")
    ap.add_argument("--shards", type=int, default=4, help="shards to cut it into (default 4)")
    ap.add_argument("--runs", type=int, default=3, help="runs; medians are shown")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "routegraph"))
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    ap.add_argument("--against", metavar="OLD_BINARY", help="also merge with this binary, in turns, and compare")
    args = ap.parse_args()
    if args.shards < 1:
        sys.exit("benchmark_merge: --shards must be at least 1")
    archive = os.path.join(args.data, f"jsonl-{args.size}-s10.jsonl")
    if not os.path.exists(archive):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "benchmark.py"), "--generate-only",
                        "--sizes", args.size, "--gzip-sizes", "", "--dir-files", "0", "--data", args.data], check=True)
    parts = shards(archive, args.shards, os.path.join(args.data, f"shards-{args.size}-{args.shards}"))
    out = os.path.join(args.data, "out-merge")
    # Outputs of an earlier run with more shards would linger beside this run's.
    shutil.rmtree(out, ignore_errors=True)
    fragments = [os.path.join(out, f"part-{i}") for i in range(len(parts))]
    whole_report, merge_report = os.path.join(args.data, "report-whole.json"), os.path.join(args.data, "report-merge.json")
    runs = {"convert": [], "shardMax": [], "shardSum": [], "merge": [], "mergeOld": []}
    for run in range(args.runs):
        print(f"run {run + 1} of {args.runs} ...", file=sys.stderr, flush=True)
        wall, rss, _ = benchmark.run_once([args.binary, "convert", archive, "--output", out + "/whole", "--format",
                                           FORMATS, "-q", "--report", whole_report], out + "/whole", archive)
        runs["convert"].append((wall, rss))
        walls = []
        for shard, fragment in zip(parts, fragments):
            wall, rss, _ = benchmark.run_once([args.binary, "convert", shard, "--output", fragment, "--format", "jsonl",
                                               "-q"], fragment, shard)
            walls.append((wall, rss))
        runs["shardMax"].append(max(walls))
        runs["shardSum"].append((sum(w for w, _ in walls), max(r for _, r in walls)))
        files = [os.path.join(f, "graph.jsonl") for f in fragments]
        binaries = [("merge", args.binary)] + ([("mergeOld", args.against)] if args.against else [])
        for name, binary in (binaries if run % 2 == 0 else binaries[::-1]):
            wall, rss, _ = benchmark.run_once([binary, "merge", *files, "--output", out + "/merged", "--format", FORMATS,
                                               "-q", "--report", merge_report], out + "/merged")
            runs[name].append((wall, rss))
            if counts(whole_report) != counts(merge_report):
                sys.exit(f"benchmark_merge: {binary}'s merged graph's counts {counts(merge_report)} differ from the "
                         f"whole conversion's {counts(whole_report)}")
    fragment_mb = sum(os.path.getsize(os.path.join(f, "graph.jsonl")) for f in fragments) / 1e6

    def median(name, i):
        return statistics.median(r[i] for r in runs[name])

    mb = os.path.getsize(archive) / 1e6
    print(f"{args.size} archive ({mb:.0f} MB) in {args.shards} shards; fragments {fragment_mb:.0f} MB; "
          f"medians of {args.runs} run{'s' if args.runs != 1 else ''}")
    print(f"{'':26}{'wall s':>8}{'peak MB':>9}")
    print(f"{'convert, whole archive':26}{median('convert', 0):8.2f}{median('convert', 1) / 1e6:9.0f}")
    print(f"{'shards, slowest':26}{median('shardMax', 0):8.2f}{median('shardMax', 1) / 1e6:9.0f}")
    print(f"{'shards, one after another':26}{median('shardSum', 0):8.2f}{median('shardSum', 1) / 1e6:9.0f}")
    print(f"{'merge':26}{median('merge', 0):8.2f}{median('merge', 1) / 1e6:9.0f}")
    if args.against:
        print(f"{'merge, ' + os.path.basename(args.against) + ' (older)':26}{median('mergeOld', 0):8.2f}"
              f"{median('mergeOld', 1) / 1e6:9.0f}   new/old: time {median('merge', 0) / median('mergeOld', 0):.2f}x, "
              f"memory {median('merge', 1) / median('mergeOld', 1):.2f}x")
    on_many = statistics.median(a[0] + b[0] for a, b in zip(runs["shardMax"], runs["merge"]))
    print(f"on {args.shards} machines (slowest shard + merge): {on_many:.2f} s; "
          f"the merge alone is {median('merge', 0) / median('convert', 0):.2f}x the whole conversion's time")
    nodes, edges = counts(merge_report)
    print(f"merged graph: {nodes['total']} nodes, {edges['total']} edges, as in the whole conversion")


if __name__ == "__main__":
    main()
