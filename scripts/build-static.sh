#!/bin/sh
# Builds the release binary with the Swift runtime and Foundation linked in (--static-swift-stdlib)
# into .build/static/release/routegraph, then checks it: the shipped examples must convert to the
# committed Examples/output and Examples/generated/output, byte for byte, and every input shape of
# Examples/shapes as the debug build converts it (when `swift build` has made one).
#
# This is the binary to install (`install .build/static/release/routegraph /usr/local/bin/`): it
# needs the Debian libraries of scripts/install-deps.sh but no Swift toolchain, and it starts in
# about 11.5 MB where the dynamically linked one takes about 15 MB. The benchmark measures it.
# Its own build directory keeps `swift build` and `swift run` from relinking everything each time
# one or the other is used. GNU ld's warning about `mktemp`, where lld is missing, comes from the
# toolchain's FoundationEssentials archive, not from routegraph.
set -eu
cd "$(dirname "$0")/.."

# The functions a run executes, laid out side by side (scripts/link-order.py made the list): the
# kernel maps code 64 KB around each page touched, so scattered over 10 MB they kept about 1 MB
# more of it resident. lld, which the Swift toolchain ships, takes the list; without it the
# binary is linked as usual.
link_order=""
if [ -f scripts/link-order.txt ] && [ -x "$(dirname "$(command -v swiftc)")/ld.lld" ]; then
    # The build does not know the list is an input of the link: a newer list means link again.
    if [ scripts/link-order.txt -nt .build/static/release/routegraph ]; then rm -f .build/static/release/routegraph; fi
    link_order="-Xswiftc -use-ld=lld -Xlinker --symbol-ordering-file=$PWD/scripts/link-order.txt -Xlinker --no-warn-symbol-ordering"
else
    echo "build-static: linking without scripts/link-order.txt (no ld.lld beside swiftc, or no list)" >&2
fi
# The instruction set of the machine it is built on, when that has the x86-64-v3 level (AVX2,
# BMI1/2, FMA, MOVBE, LZCNT: Intel since 2013, AMD since 2017): routegraph's own code is then
# compiled for it (LLVM's `haswell`), not for the x86-64 of 2003 that a plain build assumes. By
# turns on the benchmark's inputs a conversion took 3-7% less time (docs/performance.md). Such a
# binary stops with SIGILL on an older processor, so one built to be copied to other machines
# should be built with ROUTEGRAPH_TARGET_CPU=generic; any LLVM processor name may be given.
target_cpu="${ROUTEGRAPH_TARGET_CPU:-}"
if [ -z "$target_cpu" ]; then
    target_cpu=generic
    if [ "$(uname -m)" = x86_64 ] && [ -r /proc/cpuinfo ]; then
        flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
        target_cpu=haswell
        for flag in avx avx2 bmi1 bmi2 fma f16c movbe abm popcnt; do
            case "$flags" in *" $flag "*) ;; *) target_cpu=generic ;; esac
        done
    fi
fi
cpu_option=""
if [ "$target_cpu" != generic ]; then
    cpu_option="-Xswiftc -target-cpu -Xswiftc $target_cpu"
fi
echo "build-static: compiling for processor: $target_cpu" >&2
# shellcheck disable=SC2086 # link_order and cpu_option are lists of arguments
swift build -c release --static-swift-stdlib --product routegraph --build-path .build/static $link_order $cpu_option >&2
binary=.build/static/release/routegraph
if ldd "$binary" | grep -q 'libswiftCore'; then
    echo "build-static: $binary still loads the Swift runtime from the toolchain" >&2
    exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
outputs="graph.graphml graph.dot nodes.csv edges.csv gateway-routes.csv ipsec-routes.csv graph.jsonl"

# same DIR_A DIR_B WHAT: the seven outputs in both directories are the same bytes.
same() {
    for name in $outputs; do
        if ! cmp -s "$1/$name" "$2/$name"; then
            echo "build-static: $binary converts $3 into an output ($name) that differs from $2/$name" >&2
            exit 1
        fi
    done
}

# The committed outputs: the seed responses and the generated archive.
"$binary" convert Examples/responses --output "$out/responses" --quiet
same "$out/responses" Examples/output Examples/responses
"$binary" convert Examples/generated/archive --output "$out/generated" --quiet
same "$out/generated" Examples/generated/output Examples/generated/archive

# Every input shape (gzip, XML, JSON Lines, bad lines among them), against the tests' debug build
# when there is one: the same outputs and the same exit status.
reference="$(swift build --show-bin-path)/routegraph"
if [ -x "$reference" ]; then
    status=0; "$reference" convert Examples/shapes --output "$out/shapes-reference" --quiet 2>/dev/null || status=$?
    static_status=0; "$binary" convert Examples/shapes --output "$out/shapes" --quiet 2>/dev/null || static_status=$?
    if [ "$status" != "$static_status" ]; then
        echo "build-static: $binary exits $static_status on Examples/shapes, the debug build $status" >&2
        exit 1
    fi
    same "$out/shapes" "$out/shapes-reference" Examples/shapes
else
    echo "build-static: no debug build at $reference, so Examples/shapes was not compared (swift build makes one)" >&2
fi
echo "build-static: $binary built and checked" >&2
