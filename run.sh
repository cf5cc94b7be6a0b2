#!/usr/bin/env bash
# actorbus set-up and entry point for a fresh Debian 12 machine.
#
#   ./run.sh shop [shop-sim options...]   install, build, run the shop simulation
#   ./run.sh test [ctest options...]      install, build, run the test suite
#   ./run.sh cluster [shop-load options...]  install, build, run the three-node
#                                         shop (apps/node/run-cluster.sh)
#
# Missing Debian packages are installed when run as root; otherwise the exact
# apt-get line is printed and the script exits 1. A second run installs and
# rebuilds nothing that is current. ACTORBUS_WERROR=ON turns warnings into
# errors (CI sets it); BUILD_DIR overrides the build directory (default build).
set -euo pipefail

cd "$(dirname "$0")"
readonly BUILD_DIR="${BUILD_DIR:-build}"
readonly WERROR="${ACTORBUS_WERROR:-OFF}"
readonly PACKAGES=(
  g++ make cmake pkg-config
  libcaf-dev libssl-dev libjemalloc-dev
  libboost1.81-dev libboost-json1.81-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openssl prometheus
)

usage() {
  echo "usage: ./run.sh shop [shop-sim options...] | ./run.sh test [ctest options...]" \
    "| ./run.sh cluster [shop-load options...]" >&2
  exit 2
}

install_missing() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "run.sh: missing packages; run as root or install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "run.sh: installing ${missing[*]}" >&2
  # Keep Debian from starting services (e.g. prometheus) while installing.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$created" -eq 1 ] && rm -f "$policy"
  return 0
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
    -DACTORBUS_WERROR="$WERROR" >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc)" -- --no-print-directory
}

[ $# -ge 1 ] || usage
cmd="$1"
shift
case "$cmd" in
  shop)
    install_missing
    build
    exec "$BUILD_DIR/apps/shop_sim/shop-sim" --config-file=configs/single-node.ini "$@"
    ;;
  test)
    install_missing
    build
    cd "$BUILD_DIR"
    exec ctest --output-on-failure "$@"
    ;;
  cluster)
    install_missing
    build
    export BUILD_DIR
    exec apps/node/run-cluster.sh "$@"
    ;;
  *)
    usage
    ;;
esac
