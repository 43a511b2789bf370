#!/usr/bin/env python3
"""Converts a JSON Lines archive on Apache Spark with routegraph, then merges the fragments.

Each partition of the archive's lines is written to a shard file in a scratch directory on its
executor, converted there with `routegraph convert SHARD --format jsonl`, and its graph.jsonl is sent
back to the driver, which writes the fragments and runs `routegraph merge` (docs/merge.md). Only
fragments travel, never the archive, and a fragment is the size of a shard's graph.

  spark-submit routegraph_spark.py archive.jsonl --routegraph /usr/local/bin/routegraph --output out
  python3 routegraph_spark.py archive.jsonl --routegraph .build/release/routegraph --output out --partitions 4

The binary is shipped to the executors with SparkContext.addFile, so on a cluster it only has to be
built for the executors' platform. The archive may be any path textFile reads (HDFS, S3, a local
file in local mode). Exit status: that of `routegraph merge`, or 2 when a shard failed.
"""
import argparse, os, subprocess, sys, tempfile

from pyspark import SparkContext, SparkFiles


def convert_partition(index, lines):
    """Runs on an executor: one partition of archive lines in, one (index, graph.jsonl text) out."""
    routegraph = SparkFiles.get("routegraph")
    os.chmod(routegraph, 0o755)
    with tempfile.TemporaryDirectory(prefix="routegraph-shard-") as work:
        # A relative path keeps the scratch directory out of the `input` provenance, so every run
        # writes the same fragment: `shard-00003.jsonl:line`.
        shard = "shard-%05d.jsonl" % index
        count = 0
        with open(os.path.join(work, shard), "w", encoding="utf-8") as out:
            for line in lines:
                out.write(line + "\n")
                count += 1
        if count == 0:
            return
        result = subprocess.run([routegraph, "convert", shard, "--output", "part", "--format", "jsonl", "--quiet"],
                                cwd=work, capture_output=True, text=True)
        # 1: some lines were not usable responses (reported, the rest converted); 2: nothing was.
        if result.returncode == 2 and "nothing could be converted" in result.stderr:
            return
        if result.returncode not in (0, 1):
            raise RuntimeError("routegraph convert failed on %s: %s" % (shard, result.stderr))
        with open(os.path.join(work, "part", "graph.jsonl"), encoding="utf-8") as f:
            yield index, f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", help="a JSON Lines archive (any path SparkContext.textFile reads)")
    ap.add_argument("--routegraph", required=True, help="the routegraph binary for the executors and the driver")
    ap.add_argument("--output", required=True, help="directory for the merged outputs")
    ap.add_argument("--partitions", type=int, default=4, help="minimum number of shards")
    ap.add_argument("--format", default="graphml,dot,csv,jsonl")
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit sets it otherwise")
    args = ap.parse_args()

    sc = SparkContext(master=args.master, appName="routegraph") if args.master else SparkContext(appName="routegraph")
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(args.routegraph))
    fragments = (sc.textFile(args.archive, minPartitions=args.partitions)
                 .mapPartitionsWithIndex(convert_partition)
                 .collect())
    sc.stop()

    fragment_dir = os.path.join(args.output, "fragments")
    os.makedirs(fragment_dir, exist_ok=True)
    paths = []
    for index, text in sorted(fragments):
        path = os.path.join(fragment_dir, "shard-%05d.jsonl" % index)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(path)
    if not paths:
        print("routegraph_spark: no shard held a usable response", file=sys.stderr)
        return 2
    merge = [args.routegraph, "merge", *paths, "--output", args.output, "--format", args.format,
             "--report", os.path.join(args.output, "report.json")]
    print("routegraph_spark: merging %d fragments" % len(paths), file=sys.stderr)
    return subprocess.run(merge).returncode


if __name__ == "__main__":
    sys.exit(main())
