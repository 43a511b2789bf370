#!/bin/sh
# Regenerates the shipped examples from the code as it is:
#   Examples/output/     the seed responses of Examples/responses in every format, report.json, graph.svg
#   Examples/generated/  a realistic synthetic archive (archive/), what the generator expects
#                        (expected.json) and what routegraph makes of it (output/, with graph.svg)
# Run from anywhere; paths inside the outputs are relative to the package root, so the committed files
# do not depend on where the repository lives. CLITests checks that the committed outputs are what the
# code produces; run this script after changing a reader or an exporter, and commit the result.
#
#   scripts/render-examples.sh            # debug build
#   CONFIGURATION=release scripts/render-examples.sh
set -eu

cd "$(dirname "$0")/.."
configuration="${CONFIGURATION:-debug}"

for tool in swift dot python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "render-examples: $tool is needed (apt-get install graphviz python3)" >&2; exit 2; }
done

swift build -c "$configuration" --product routegraph
routegraph="$(swift build -c "$configuration" --show-bin-path)/routegraph"

# An exit status of 1 (some inputs skipped) is a failure here: the examples hold no bad inputs.
convert() { # input output
    rm -rf "$2"
    "$routegraph" convert "$1" --output "$2" --report "$2/report.json" --quiet
    dot -Tsvg "$2/graph.dot" -o "$2/graph.svg"
}

convert Examples/responses Examples/output

generator=Tests/RouteGraphTests/Fixtures/gen-archive.py
[ -f "$generator" ] || generator=../shared/tools/gen-archive.py
[ -f "$generator" ] || { echo "render-examples: gen-archive.py not found (looked in Tests/RouteGraphTests/Fixtures and ../shared/tools)" >&2; exit 2; }
rm -rf Examples/generated/archive
mkdir -p Examples/generated
# The generator prints the graph a full converter must build on stderr: kept as expected.json.
python3 "$generator" --out-dir Examples/generated/archive \
    --gateways 3 --connections 2 --routes-per-gateway 5 --services-per-gateway 4 --domains 5 \
    --entries-per-connection 5 --page-size 5 \
    --variants doc --seed 7 2>Examples/generated/expected.json
convert Examples/generated/archive Examples/generated/output

echo "render-examples: wrote Examples/output and Examples/generated" >&2
