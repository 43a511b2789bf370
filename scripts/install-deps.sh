#!/usr/bin/env bash
# Installs the system packages and Python modules routegraph builds with and its tests check
# outputs with. Safe to run again: it installs only what is missing.
set -euo pipefail
packages=(libxml2-dev libxml2-utils libsimdjson-dev libjemalloc-dev libisal-dev pkg-config graphviz python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 - <<'PY' || python3 -m pip install -q networkx jsonschema referencing
import networkx, jsonschema, referencing
PY
