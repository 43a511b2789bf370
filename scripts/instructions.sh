#!/bin/sh
# Counts the instructions of one conversion under valgrind's callgrind, on one thread: a measure
# of the work a change adds or removes that, unlike times on a shared 2-core machine (which move
# by ±10% between runs taken in turns), is the same on every run. Instructions are not time (a
# cache miss or a page fault costs hundreds of cycles in one), so a change is judged by both.
#   scripts/instructions.sh BINARY INPUT [FORMATS]        # all four formats by default
#   scripts/instructions.sh .build/static/release/routegraph bench-data/jsonl-10MB-s10.jsonl
# Prints the total and leaves callgrind's profile beside a stripped copy of the binary in
# $TMPDIR (callgrind_annotate FILE.cg lists functions). Needs valgrind (apt-get install valgrind).
# The binary is copied without its DWARF first: valgrind's reader gives up on the static binary's.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: scripts/instructions.sh BINARY INPUT [FORMATS]" >&2
    exit 2
fi
binary=$1
input=$2
formats=${3:-graphml,dot,csv,jsonl}
command -v valgrind >/dev/null || { echo "instructions: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/routegraph-instructions.XXXXXX")
stripped="$work/$(basename "$binary")"
strip -g -o "$stripped" "$binary"
# Exit status 1 (some inputs skipped, as the benchmark's archives have error responses) is a
# conversion; 2 is not.
status=0
valgrind --tool=callgrind --callgrind-out-file="$stripped.cg" "$stripped" convert "$input" --output "$work/out" \
    --format "$formats" --threads 1 >/dev/null 2>"$stripped.log" || status=$?
[ "$status" -le 1 ] || { echo "instructions: the conversion failed (exit $status), see $stripped.log" >&2; exit 1; }
rm -rf "$work/out"
total=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$stripped.log")
[ -n "$total" ] || { echo "instructions: valgrind failed, see $stripped.log" >&2; exit 1; }
echo "$total instructions ($binary, $input, $formats); profile: $stripped.cg"
