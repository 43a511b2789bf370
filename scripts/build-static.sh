#!/bin/sh
# Builds the release binary with the Swift runtime and Foundation linked in (--static-swift-stdlib)
# into .build/static/release/routegraph, then checks it: the shipped examples must convert to the
# committed Examples/output, byte for byte.
#
# This is the binary to install (`install .build/static/release/routegraph /usr/local/bin/`): it
# needs the Debian libraries of scripts/install-deps.sh but no Swift toolchain, and it starts in
# about 12 MB where the dynamically linked one takes about 15 MB. The benchmark measures it.
# Its own build directory keeps `swift build` and `swift run` from relinking everything each time
# one or the other is used. The linker's warning about `mktemp` comes from the toolchain's
# FoundationEssentials archive, not from routegraph.
set -eu
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib --product routegraph --build-path .build/static >&2
binary=.build/static/release/routegraph
if ldd "$binary" | grep -q 'libswiftCore'; then
    echo "build-static: $binary still loads the Swift runtime from the toolchain" >&2
    exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$binary" convert Examples/responses --output "$out" --quiet
for name in graph.graphml graph.dot nodes.csv edges.csv gateway-routes.csv ipsec-routes.csv graph.jsonl; do
    if ! cmp -s "$out/$name" "Examples/output/$name"; then
        echo "build-static: $binary converts Examples/responses into a $name that differs from Examples/output/$name" >&2
        exit 1
    fi
done
echo "build-static: $binary built and checked" >&2
