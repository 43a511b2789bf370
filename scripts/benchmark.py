#!/usr/bin/env python3
"""routegraph benchmark: generated archives, converted by routegraph and by the reference script.

Run it through scripts/benchmark.sh (which builds the release binary as it is installed,
linked statically against the Swift runtime: scripts/build-static.sh, and runs it). For every size it
generates, once, with a fixed seed (../shared/tools/gen-archive.py):
  jsonl-<size>-s10.jsonl   JSON Lines, --snapshots 10 (ten saved copies of each route)
  jsonl-<size>-s1.jsonl    its 1-snapshot twin: the same world (gateways, connections, domains)
                           saved once, for the memory ratio
  jsonl-<size>-s10.jsonl.gz the 10-snapshot archive gzipped (gzip -6, gzip's default), for the
                           sizes in --gzip-sizes (default 1GB, when measured): archives are
                           often kept compressed
  dir-files-<n>/           a directory of n small pretty-printed files (--dir-files, default 100000)
and converts each with `routegraph convert --format graphml,dot,csv,jsonl` and with
`python3 ../shared/tools/peer_convert.py`, measuring wall time and peak RSS with /usr/bin/time -v.
It prints the medians of --runs runs: input MB/s, records/s, wall time, peak RSS, and the ratios.

A gzipped archive's MB and MB/s are those of its content, the archive it was made from, so that
its row compares with the plain one; its size on disk is printed below the table.

Records are the route snapshots plus VPN route entries routegraph read (from its --report); the
reference script reads the same records, so its records/s uses the same count.

With --against OLD_BINARY it compares two builds of routegraph instead: runs of the old and the
new binary alternate on each input (old, new, old, new, ...), so that a machine whose speed drifts
over minutes slows both alike, and it prints each one's median and the ratio.

Before and after measuring it probes the machine (scripts/machine_probe.py): how fast it copies
memory and writes to the disk holding --data with direct I/O, which is what a slow spell slows.
With the disk's speed it prints the time the disk needs for each input's outputs. Last it
prints which of the goals the run met (scripts/goals.py). --json writes
{"machine": {"before": ..., "after": ...}, "rows": [...], "goals": [...]}.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, time

import goals
import machine_probe

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "tools")
SEED = 20240501
UNITS = {"KB": 1e3, "MB": 1e6, "GB": 1e9}


def parse_size(text):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(KB|MB|GB)", text.strip(), re.I)
    if not m:
        sys.exit(f"benchmark: size '{text}' is not like 10MB or 1GB")
    return int(float(m.group(1)) * UNITS[m.group(2).upper()])


def gzipped(source):
    """The path of `source` gzipped at gzip's default level, made once and again whenever `source` is
    newer (regenerated), through a temporary file so that an interrupted run leaves no truncated
    archive to be measured later."""
    target = source + ".gz"
    if not os.path.exists(target) or os.path.getmtime(target) < os.path.getmtime(source):
        print(f"generating {target} ...", file=sys.stderr, flush=True)
        partial = target + ".partial"
        with open(partial, "wb") as out:
            subprocess.run(["gzip", "-6", "-c", source], stdout=out, check=True)
        os.replace(partial, target)
    return target


def generate(args, data):
    """Yields (label, path, kind) for every input, generating what is missing."""
    gen = [sys.executable, os.path.join(SHARED, "gen-archive.py"), "--seed", str(SEED)]
    sizes = [label.strip() for label in args.sizes.split(",")]
    if args.gzip_sizes is None:
        gzip_sizes = {"1GB"}
    else:
        gzip_sizes = {label.strip() for label in args.gzip_sizes.split(",") if label.strip()}
        if gzip_sizes - set(sizes):
            sys.exit(f"benchmark: --gzip-sizes {', '.join(sorted(gzip_sizes - set(sizes)))} is not among --sizes "
                     f"({args.sizes}); each gzipped archive is made from the plain one of its size")
    for label in sizes:
        size = parse_size(label)
        ten = os.path.join(data, f"jsonl-{label}-s10.jsonl")
        one = os.path.join(data, f"jsonl-{label}-s1.jsonl")
        meta = ten + ".meta.json"
        if not (os.path.exists(ten) and os.path.exists(meta)):
            print(f"generating {ten} ...", file=sys.stderr, flush=True)
            r = subprocess.run(gen + ["--jsonl", ten, "--bytes", str(size), "--snapshots", "10"],
                               stderr=subprocess.PIPE, check=True)
            with open(meta, "wb") as f:
                f.write(r.stderr)
        world = json.loads(open(meta).read())["world"]
        if not os.path.exists(one):
            # The same world saved once: gen-archive sizes domains from --bytes, so pass them on.
            domains = max(10, max(1, int(size * 0.85 / 2600 / 10 / 20)) * 3)
            print(f"generating {one} ...", file=sys.stderr, flush=True)
            subprocess.run(gen + ["--jsonl", one, "--gateways", str(world["gateways"]), "--connections",
                                  str(world["connections"]), "--domains", str(domains), "--snapshots", "1"],
                           stderr=subprocess.DEVNULL, check=True)
        yield f"{label} JSONL x10", ten, "jsonl"
        yield f"{label} JSONL x1", one, "jsonl"
        if label in gzip_sizes:
            yield f"{label} JSONL x10 gzip", gzipped(ten), "jsonl"
    if args.dir_files:
        n = args.dir_files
        d = os.path.join(data, f"dir-files-{n}")
        if not os.path.exists(os.path.join(d, ".complete")):
            shutil.rmtree(d, ignore_errors=True)
            # 20 route files per gateway, about 5 page files per connection (gen-archive defaults).
            gateways, connections = n * 85 // 100 // 20, n * 15 // 100 // 5
            print(f"generating {d} ...", file=sys.stderr, flush=True)
            subprocess.run(gen + ["--out-dir", d, "--gateways", str(gateways), "--connections", str(connections),
                                  "--variants", "doc,wrapped,strnum,error,missing-page"],
                           stderr=subprocess.DEVNULL, check=True)
            open(os.path.join(d, ".complete"), "w").close()
        files = sum(len([f for f in fs if not f.startswith(".")]) for _, _, fs in os.walk(d))
        yield f"dir {files} files", d, "dir"


def input_bytes(path):
    """The bytes an input holds: a directory's files together; a gzipped archive made by `gzipped`,
    the archive it was made from."""
    if path.endswith(".gz") and os.path.exists(path[:-3]):
        return os.path.getsize(path[:-3])
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)
    return os.path.getsize(path)


def timed(cmd):
    """(wall seconds, peak RSS in bytes, exit code) of one run, from /usr/bin/time -v."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    if not m:
        sys.exit(f"benchmark: /usr/bin/time gave no peak RSS for {cmd}:\n{r.stderr[-2000:]}")
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", r.stderr))
    return wall, int(m.group(1)) * 1024, r.returncode, cpu


def warm(path):
    """Reads the input once, so that every timed run starts with it in the page cache. Machines of
    this kind page out file pages left untouched for a minute (DAMON reclaim; kdamond runs), so
    without this a run's input comes from disk or from memory depending on what ran before it."""
    files = [os.path.join(r, f) for r, _, fs in os.walk(path) for f in fs] if os.path.isdir(path) else [path]
    for name in files:
        with open(name, "rb") as f:
            while f.read(8 << 20):
                pass


def run_once(cmd, out, path=None):
    """One timed run into a fresh output directory, its input read first when `path` is given:
    (wall seconds, peak RSS bytes, CPU seconds)."""
    shutil.rmtree(out, ignore_errors=True)
    if path:
        warm(path)
    wall, peak, code, cpu = timed(cmd)
    if code not in (0, 1):
        sys.exit(f"benchmark: {' '.join(cmd)} failed with exit code {code}")
    return wall, peak, cpu


def measure(cmd, runs, out, path=None):
    """Medians of wall time, peak RSS and CPU time over `runs` runs, and every run's wall time."""
    results = [run_once(cmd, out, path) for _ in range(runs)]
    return tuple(statistics.median(r[i] for r in results) for i in range(3)) + (sorted(r[0] for r in results),)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10MB,100MB,1GB", help="comma list of JSON Lines sizes (10MB,100MB,1GB)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is shown")
    ap.add_argument("--peer-runs", type=int, help="runs of the reference script (default: --runs)")
    ap.add_argument("--no-peer", action="store_true", help="skip the reference script")
    ap.add_argument("--reuse-peer", action="store_true",
                    help="reuse the reference script's figures from an earlier run on the same input (marked *)")
    ap.add_argument("--gzip-sizes",
                    help="sizes (of --sizes) whose 10-snapshot archive is also measured gzipped (default: 1GB "
                         "when --sizes has it); '' for none")
    ap.add_argument("--dir-files", type=int, default=100000, help="files in the directory input; 0 skips it")
    ap.add_argument("--threads", type=int, help="routegraph --threads (default: one per core)")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "routegraph"))
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--generate-only", action="store_true", help="generate the inputs, measure nothing")
    ap.add_argument("--against", metavar="OLD_BINARY",
                    help="compare with another routegraph build, runs interleaved (no reference script)")
    ap.add_argument("--cold", action="store_true",
                    help="do not read each input once before each timed run (by default every run, of either "
                         "program, starts with its input in the page cache)")
    args = ap.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("benchmark: /usr/bin/time is missing; install it (apt-get install time)")
    os.makedirs(args.data, exist_ok=True)
    out = os.path.join(args.data, "out")
    peer_runs = args.peer_runs or args.runs
    rows = []
    inputs = list(generate(args, args.data))
    if args.generate_only:
        return
    machine = {"before": machine_probe.probe(args.data)}
    print(f"machine before: {machine_probe.describe(machine['before'])}", flush=True)
    for label, path, kind in inputs:
        if args.against:
            rows.append(compare(args, label, path, out))
            print_comparison(rows, args)
            continue
        size = input_bytes(path)
        report = os.path.join(args.data, "report.json")
        cmd = convert_command(args.binary, path, out + "/rg", args) + ["--report", report]
        print(f"{label}: routegraph x{args.runs} ...", file=sys.stderr, flush=True)
        warm_path = None if args.cold else path
        wall, rss, cpu, walls = measure(cmd, args.runs, out, warm_path)
        counts = json.load(open(report))
        records = sum(counts.get("records", {}).get(k, 0) for k in ("gatewayRoutes", "vpnRouteEntries"))
        row = {"input": label, "path": os.path.relpath(path, ROOT), "mb": size / 1e6, "records": records,
               "wall": wall, "rss": rss, "cpu": cpu, "walls": walls, "outBytes": input_bytes(out + "/rg")}
        if path.endswith(".gz"):
            row["diskMb"] = os.path.getsize(path) / 1e6
        if not args.no_peer:
            # The reference script does not change between routegraph builds: with --reuse-peer its
            # figures from an earlier run on the same file (same size, same number of runs) are reused.
            cache_path = os.path.join(args.data, "peer-results.json")
            cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
            cache_key = f"{os.path.relpath(path, args.data)}|{size}|{peer_runs}"
            if args.reuse_peer and cache_key in cache:
                pwall, prss, pcpu = (cache[cache_key] + [float("nan")])[:3]
                row["peerReused"] = True
            else:
                print(f"{label}: peer_convert.py x{peer_runs} ...", file=sys.stderr, flush=True)
                pwall, prss, pcpu, _ = measure([sys.executable, os.path.join(SHARED, "peer_convert.py"), path, out + "/peer"],
                                               peer_runs, out, warm_path)
                cache[cache_key] = [pwall, prss, pcpu]
                with open(cache_path, "w") as f:
                    json.dump(cache, f, indent=1)
            row.update(peerWall=pwall, peerRss=prss, peerCpu=pcpu)
        rows.append(row)
        print_table(rows, args, peer_runs)
    machine["after"] = machine_probe.probe(args.data)
    print(f"machine after: {machine_probe.describe(machine['after'])}")
    results = {"machine": machine, "rows": rows}
    if not args.against:
        print_disk_floor(rows, machine)
        results["goals"] = goals.verdicts(rows)
        print("goals:\n" + "\n".join(goals.describe(results["goals"])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


def convert_command(binary, path, out, args):
    cmd = [binary, "convert", path, "--output", out, "--format", "graphml,dot,csv,jsonl"]
    return cmd + (["--threads", str(args.threads)] if args.threads else [])


def compare(args, label, path, out):
    """Medians of the old and the new binary on one input, their runs interleaved."""
    runs = {"old": [], "new": []}
    binaries = {"old": args.against, "new": args.binary}
    print(f"{label}: old and new x{args.runs}, interleaved ...", file=sys.stderr, flush=True)
    for _ in range(args.runs):
        for side in ("old", "new"):
            runs[side].append(run_once(convert_command(binaries[side], path, out + "/rg", args), out,
                                       None if args.cold else path))
    row = {"input": label, "mb": input_bytes(path) / 1e6}
    for side, values in runs.items():
        row[side] = {"wall": statistics.median(v[0] for v in values), "rss": statistics.median(v[1] for v in values),
                     "cpu": statistics.median(v[2] for v in values), "walls": sorted(v[0] for v in values)}
    return row


def print_comparison(rows, args):
    head = ["input", "MB", "old s", "new s", "old / new", "old cpu s", "new cpu s", "old RSS MB", "new RSS MB",
            "old range s", "new range s"]
    lines = [head]
    for r in rows:
        old, new = r["old"], r["new"]
        lines.append([r["input"], f"{r['mb']:.1f}", f"{old['wall']:.2f}", f"{new['wall']:.2f}",
                      f"{old['wall'] / new['wall']:.2f}x", f"{old['cpu']:.2f}", f"{new['cpu']:.2f}",
                      f"{old['rss'] / 1e6:.0f}", f"{new['rss'] / 1e6:.0f}",
                      f"{old['walls'][0]:.2f}-{old['walls'][-1]:.2f}", f"{new['walls'][0]:.2f}-{new['walls'][-1]:.2f}"])
    widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
    print(f"\nmedians of {args.runs} interleaved runs each; old = {args.against}, new = {args.binary}; "
          f"old / new above 1 means the new build is faster")
    for l in lines:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(l, widths))))
    sys.stdout.flush()


def print_disk_floor(rows, machine):
    """The time the disk needs to write each input's outputs at the faster of the two probes' speeds:
    however fast the rendering, a run ends little sooner (the probe writes one stream; routegraph
    writes its files side by side, which this kind of disk took about 1.2 times as fast)."""
    speeds = [m["directWriteGBps"] for m in machine.values() if m["directWriteGBps"]]
    if not speeds:
        return
    speed = max(speeds)
    parts = [f"{r['input']} {r['outBytes'] / 1e6:.0f} MB {r['outBytes'] / 1e9 / speed:.2f} s of {r['wall']:.2f} s"
             for r in rows]
    print(f"outputs at the disk's {speed:.2f} GB/s: " + "; ".join(parts))


def print_table(rows, args, peer_runs):
    head = ["input", "MB", "records", "rg s", "rg range s", "rg cpu s", "rg MB/s", "rg rec/s", "rg RSS MB", "py s",
            "py cpu s", "py MB/s", "py RSS MB", "speed x", "RSS %"]
    lines = [head]
    for r in rows:
        line = [r["input"] + ("*" if r.get("peerReused") else ""), f"{r['mb']:.1f}", str(r["records"]),
                f"{r['wall']:.2f}", f"{r['walls'][0]:.2f}-{r['walls'][-1]:.2f}", f"{r['cpu']:.2f}", f"{r['mb'] / r['wall']:.0f}",
                f"{r['records'] / r['wall']:.0f}", f"{r['rss'] / 1e6:.0f}"]
        if "peerWall" in r:
            line += [f"{r['peerWall']:.2f}", f"{r['peerCpu']:.2f}", f"{r['mb'] / r['peerWall']:.1f}",
                     f"{r['peerRss'] / 1e6:.0f}", f"{r['peerWall'] / r['wall']:.1f}", f"{100 * r['rss'] / r['peerRss']:.0f}%"]
        else:
            line += ["-"] * 6
        lines.append(line)
    widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
    print(f"\nmedians of {args.runs} routegraph runs, {peer_runs} reference-script runs; rg = routegraph, "
          f"py = peer_convert.py; s = wall, range = fastest-slowest run (a wide one means the machine's speed moved), cpu s = user + system; speed x = py s / rg s; RSS % = rg RSS / py RSS")
    for l in lines:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(l, widths))))
    twins = {r["input"][:-len(" JSONL x10")]: r for r in rows if r["input"].endswith(" JSONL x10")}
    for r in rows:
        if r["input"].endswith(" JSONL x1"):
            ten = twins.get(r["input"][:-len(" JSONL x1")])
            if ten:
                print(f"memory, 10 snapshots / 1 snapshot at {r['input'][:-9]}: {ten['rss'] / r['rss']:.2f}x")
    for r in rows:
        if "diskMb" in r:
            print(f"{r['input']}: {r['diskMb']:.1f} MB on disk; MB and MB/s are of the {r['mb']:.1f} MB it holds")
    print_growth(sorted(twins.values(), key=lambda r: r["mb"]))
    sys.stdout.flush()


def print_growth(sizes):
    """How time and memory grow from one archive size to the next (10-snapshot archives): linear
    growth shows as the same factor for time as for input, and memory should grow more slowly, as
    it follows the graph."""
    steps = [f"{a['input'][:-len(' JSONL x10')]} -> {b['input'][:-len(' JSONL x10')]}: input x{b['mb'] / a['mb']:.1f}, "
             f"time x{b['wall'] / a['wall']:.1f}, memory x{b['rss'] / a['rss']:.1f}" for a, b in zip(sizes, sizes[1:])]
    if steps:
        print("growth, " + "; ".join(steps))


if __name__ == "__main__":
    main()
