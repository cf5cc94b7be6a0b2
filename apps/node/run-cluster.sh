#!/usr/bin/env bash
# Starts the three-node shop of configs/cluster/ (broker, orders, fulfilment)
# on the ports configured there, drives orders into it with shop-load, which
# checks the shop invariants, and stops the nodes again.
#
#   apps/node/run-cluster.sh [shop-load options...]    (default: --orders 2000)
#   ./run.sh cluster [shop-load options...]             (builds first)
#
# BUILD_DIR selects the build directory (default build). The broker's data
# goes to a temporary directory; nodes' logs too (printed if a node fails).
# Every node started here is killed on exit, also on Ctrl-C or an error.
# Exit code: shop-load's (0: every invariant PASS, 1: a FAIL), or 1 when a
# node does not get ready within 60 s.
set -euo pipefail

cd "$(dirname "$0")/../.."
readonly BUILD_DIR="${BUILD_DIR:-build}"
readonly NODE="$BUILD_DIR/apps/node/actorbus-node"
readonly LOAD="$BUILD_DIR/apps/shop_load/shop-load"
readonly CONFIGS=configs/cluster
for bin in "$NODE" "$LOAD"; do
  [ -x "$bin" ] || { echo "run-cluster: $bin not built (./run.sh cluster builds it)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/actorbus-cluster.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_node NAME [options...]: starts the node of $CONFIGS/NAME.ini and
# waits for its readiness line (prints it).
start_node() {
  local name="$1" log="$work/$1.log" pid
  shift
  "$NODE" --config-file="$CONFIGS/$name.ini" "$@" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 600); do
    if grep -m1 '^ready ' "$log"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run-cluster: node $name exited before it was ready:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "run-cluster: node $name not ready after 60 s:" >&2
  cat "$log" >&2
  exit 1
}

start_node broker --node.data-dir="$work/broker-data"
start_node orders
start_node fulfilment

# shop-load reads the [shop] parameters and the broker address from the
# orders node's config, under its own name.
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--orders 2000)
rc=0
"$LOAD" --config-file="$CONFIGS/orders.ini" --node.name=shop-load "${args[@]}" || rc=$?
exit "$rc"
