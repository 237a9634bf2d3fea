#!/bin/sh
# Fails when an include goes the wrong way between modules (README.md, "Layers"): each
# folder may include the public headers (normgraph/MODULE/...) of the modules listed for it.
# server/, cli/, tests/, bench/ and fuzz/ sit on top and may include any.
# Usage: scripts/check-layers.sh [SOURCE_DIR]
set -eu
root=${1:-$(dirname "$0")/..}
status=0

check() {  # check FOLDER ALLOWED-MODULES... (engine/query and engine/rules are checked apart)
  folder=$1
  shift
  allowed=$(printf '%s|' "$@")
  allowed=${allowed%|}
  bad=$(find "$root/$folder" -mindepth 1 \( -path "$root/engine/query" -o -path "$root/engine/rules" \) \
          -prune -o \( -name '*.cpp' -o -name '*.hpp' \) -print |
        xargs grep -nE '^#include "normgraph/[a-z_]+/' |
        grep -vE "#include \"normgraph/($allowed)/" || true)
  if [ -n "$bad" ]; then
    echo "$folder may include only normgraph/{$(echo "$allowed" | tr '|' ,)}/:"
    echo "$bad" | sed "s|^$root/||"
    status=1
  fi
}

check core core
check engine core engine
check ontology core ontology
check engine/query core engine ontology query
check engine/rules core engine ontology rules
check loaders core engine ontology loaders
check viz core engine ontology viz
check search core engine search
check workspace core engine ontology query rules loaders workspace

[ "$status" -eq 0 ] && echo "includes follow the layers"
exit "$status"
