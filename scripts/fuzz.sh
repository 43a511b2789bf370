#!/usr/bin/env bash
# Builds routegraph's libFuzzer targets (Swift -sanitize=fuzzer,address) and runs each for a while.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]      targets: json xml jsonl gzip export graph (default: all)
#
# SwiftPM cannot build an instrumented library, so the library's sources and Fuzz/*.swift are
# compiled by swiftc directly as one module (the targets reach internal API without @testable); the
# simdjson bridge is compiled by clang++ with the same sanitizers. One binary serves every target,
# chosen by ROUTEGRAPH_FUZZ_TARGET.
#
# Work lives in .build/fuzz: corpus/<target> grows from run to run (seeded from Examples/ and, when
# python3 and ../shared/tools/gen-archive.py are there, a small generated archive); a crash leaves
# its reproducer in .build/fuzz/crashes/ and fails the script. Reproduce one with
#   ROUTEGRAPH_FUZZ_TARGET=<target> .build/fuzz/routegraph-fuzz <reproducer>
# Logs: .build/fuzz/<target>.log (the last lines hold libFuzzer's stats).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json xml jsonl gzip export graph)

work=.build/fuzz
binary=$work/routegraph-fuzz
mkdir -p "$work/crashes"

# A module map for the C target $1, whose header is Sources/$1/include/$1.h.
module_map() {
  mkdir -p "$work/include/$1"
  cat > "$work/include/$1/module.modulemap" <<MAP
module $1 {
    header "$root/Sources/$1/include/$1.h"
    export *
}
MAP
}

# ---- build (skipped when nothing changed since the last one)
sources=$(find Sources/RouteGraph Fuzz -name '*.swift' | sort)
if [ ! -x "$binary" ] || [ -n "$(find Sources Fuzz scripts/fuzz.sh -newer "$binary" -type f | head -1)" ]; then
  echo "== building $binary"
  for module in CSimdJSON CGNUExtras CISAL CSHA256; do module_map "$module"; done
  clang++ -std=c++17 -O1 -g -fsanitize=address,fuzzer-no-link -I Sources/CSimdJSON/include \
    -c Sources/CSimdJSON/simdjson_bridge.cpp -o "$work/simdjson_bridge.o"
  clang -O1 -g -fsanitize=address,fuzzer-no-link -I Sources/CGNUExtras/include \
    -c Sources/CGNUExtras/gnu_extras.c -o "$work/gnu_extras.o"
  clang -O1 -g -fsanitize=address,fuzzer-no-link -I Sources/CISAL/include \
    -c Sources/CISAL/isal_loader.c -o "$work/isal_loader.o"
  clang -O1 -g -fsanitize=address,fuzzer-no-link -I Sources/CSHA256/include \
    -c Sources/CSHA256/sha256_hardware.c -o "$work/sha256_hardware.o"
  # shellcheck disable=SC2086
  swiftc -parse-as-library -swift-version 6 -module-name RouteGraph -package-name routegraph -O -g \
    -sanitize=fuzzer,address -warnings-as-errors -use-ld=lld \
    -I Sources/CLibXML2 -I "$work/include/CISAL" -I "$work/include/CSimdJSON" -I "$work/include/CGNUExtras" -I "$work/include/CSHA256" \
    -Xcc -I/usr/include/libxml2 $sources "$work/simdjson_bridge.o" "$work/gnu_extras.o" "$work/isal_loader.o" "$work/sha256_hardware.o" \
    -lxml2 -lsimdjson -lstdc++ \
    -o "$binary.new"
  mv "$binary.new" "$binary"
fi

# ---- seeds
seed_dir=$work/seeds
if [ ! -d "$seed_dir" ]; then
  mkdir -p "$seed_dir"/{json,xml,jsonl,export}
  cp Examples/responses/*.json Examples/shapes/*.json Examples/bad/*.json "$seed_dir/json/"
  cp Examples/shapes/*.xml Examples/bad/*.xml "$seed_dir/xml/"
  cp Examples/shapes/archive.jsonl "$seed_dir/jsonl/"
  generator=../shared/tools/gen-archive.py
  [ -f "$generator" ] || generator=/work/shared/tools/gen-archive.py
  if [ -f "$generator" ] && command -v python3 >/dev/null; then
    generated=$(mktemp -d)
    python3 "$generator" --seed 7 --gateways 2 --routes-per-gateway 3 --services-per-gateway 3 --connections 2 \
      --entries-per-connection 6 --page-size 4 --variants doc,wrapped,strnum,xml,error --out-dir "$generated/tree" 2>/dev/null
    python3 "$generator" --seed 7 --gateways 1 --routes-per-gateway 3 --connections 1 --entries-per-connection 5 \
      --page-size 2 --variants doc,wrapped,strnum,error --jsonl "$generated/archive.jsonl" 2>/dev/null
    find "$generated/tree" -name '*.json' | while read -r f; do cp "$f" "$seed_dir/json/gen-$(echo "$f" | md5sum | cut -c1-12).json"; done
    find "$generated/tree" -name '*.xml' | while read -r f; do cp "$f" "$seed_dir/xml/gen-$(echo "$f" | md5sum | cut -c1-12).xml"; done
    cp "$generated/archive.jsonl" "$seed_dir/jsonl/generated.jsonl"
    rm -rf "$generated"
  fi
  # Export seeds: the separator byte, then strings that broke careless writers elsewhere.
  printf '|route-a|"]; digraph x {|</data><node id="evil"/>|","injected|"}\n{"type":"node"|a\r\nb|\\"|-> x' > "$seed_dir/export/hostile"
  printf '\0plain\0cidr/24\0gw-****\0x_y\0' > "$seed_dir/export/plain"
fi

# Gzip seeds: two bytes the target reads as its small read and buffer sizes, then a stream without
# the magic bytes it puts back (one member, two back to back, one with a stored name).
if [ ! -d "$seed_dir/gzip" ]; then
  mkdir -p "$seed_dir/gzip"
  { printf '\003\007'; tail -c +3 Examples/shapes/archive.jsonl.gz; } > "$seed_dir/gzip/one-member"
  { printf '\001\377'; cat Examples/shapes/archive.jsonl.gz Examples/shapes/archive.jsonl.gz | tail -c +3; } > "$seed_dir/gzip/two-members"
  # gzip keeps the file's name in the header: ISA-L misread names split between two inputs.
  { printf '\002\020'; gzip -c Examples/shapes/archive.jsonl | tail -c +3; } > "$seed_dir/gzip/named-member"
fi

# Graph file seeds: the shipped example's graph.jsonl, its lines out of order (the union path), and
# two fragments cut at a NUL byte whose versions of the VPN edges differ (the packed merge settles
# those as the merge of Swift graphs does).
if [ ! -f "$seed_dir/graph/halves.jsonl" ]; then
  mkdir -p "$seed_dir/graph"
  cp Examples/output/graph.jsonl "$seed_dir/graph/example.jsonl"
  tac Examples/output/graph.jsonl | head -n 40 > "$seed_dir/graph/reversed.jsonl"
  { cat Examples/output/graph.jsonl; printf '\0'
    sed -e 's/"weight":100/"weight":200/' -e 's/"entryType":"custom"}}$/"entryType":"bgp"}}/' Examples/output/graph.jsonl
  } > "$seed_dir/graph/halves.jsonl"
fi

# ---- runs
status=0
for target in "${targets[@]}"; do
  corpus=$work/corpus/$target
  mkdir -p "$corpus"
  echo "== fuzzing $target for ${seconds}s"
  # Swift's own crash handler would stand in the way of the sanitizer's report.
  if SWIFT_BACKTRACE=enable=no ROUTEGRAPH_FUZZ_TARGET=$target "$binary" "$corpus" "$seed_dir/$target" \
      -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
      -artifact_prefix="$work/crashes/$target-" -print_final_stats=1 >"$work/$target.log" 2>&1; then
    grep -E "DONE|^Done|stat::(number_of_executed_units|peak_rss_mb)" "$work/$target.log" || tail -n 3 "$work/$target.log"
  else
    status=1
    echo "!! $target found a problem; reproducer in $work/crashes/ ($(ls -t "$work/crashes/" | grep "^$target-" | head -1))" >&2
    grep -E 'ERROR|invariant|Fatal|SUMMARY' "$work/$target.log" | head -n 10 >&2 || tail -n 30 "$work/$target.log" >&2
  fi
done
exit $status
