#!/bin/sh
# Builds routegraph in release mode, linked statically against the Swift runtime as it is installed
# (scripts/build-static.sh), and runs the benchmark on that binary (scripts/benchmark.py; --help lists
# options; a --binary given here overrides it).
# Needs python3 with networkx (for the reference script) and GNU time at /usr/bin/time
# (Debian/Ubuntu: apt-get install time). Generated archives go to bench-data/ (git-ignored).
#   scripts/benchmark.sh                         # 10MB, 100MB, 1GB and 100,000 files; 3 runs each
#   scripts/benchmark.sh --sizes 10MB,100MB --runs 1 --dir-files 10000
set -eu
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "benchmark: /usr/bin/time is missing; install GNU time (apt-get install time)" >&2
    exit 2
fi
sh scripts/build-static.sh
exec python3 scripts/benchmark.py --binary .build/static/release/routegraph "$@"
