#!/usr/bin/env bash
# Installs the Debian packages normgraph needs to build, test and run. Idempotent: prints
# nothing when everything is already installed, and runs `apt-get update` only when
# something is missing.
set -euo pipefail

readonly REQUIRED_PACKAGES=(
  build-essential cmake ninja-build
  libboost-graph-dev rapidjson-dev libcpp-httplib-dev catch2
  graphviz libgraphviz-dev libxxhash-dev libedit-dev pkg-config
  libre2-dev  # the query engine's regular expressions (=~)
  libsqlite3-dev  # the sentence index (SQLite FTS5, search/)
  python3
  tzdata  # the time zones of Cypher temporal values (TZif files under /usr/share/zoneinfo)
  wordnet-base  # the part-of-speech lexicon source (scripts/make-pos-lexicon.py)
  raptor2-utils  # rapper, which the RDF export tests run
  clang libclang-rt-14-dev  # libFuzzer for scripts/fuzz.sh
  clang-format  # scripts/check-format.sh, run by .ci/run
  chromium  # the web explorer's browser test (tests/server_browser_test.mjs)
  wrk  # the HTTP load benchmark (bench/run_server_bench.sh)
)

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

missing_packages=()
for package in "${REQUIRED_PACKAGES[@]}"; do
  is_installed "$package" || missing_packages+=("$package")
done
# Node.js and npm run the Kùzu export test. Checked by command, not by package: a Node.js from
# another source (its own package includes npm) must not be replaced by Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing_packages+=(nodejs npm)
fi

((${#missing_packages[@]} == 0)) && exit 0

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps.sh: missing packages (${missing_packages[*]}) and no sudo;" \
      "run as root or install them yourself" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-deps.sh: installing ${missing_packages[*]}"
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing_packages[@]}"
