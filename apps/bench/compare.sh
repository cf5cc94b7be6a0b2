#!/usr/bin/env bash
# One command that runs actorbus and the peer brokers (Redis Streams, NATS
# JetStream, RabbitMQ) on the same workload in the same run, prints every
# result line, then a table of actorbus/peer ratios over the medians.
#
#   apps/bench/compare.sh                          # defaults of the harness
#   RUNS=3 PEERS="limits redis actorbus actorbus_inprocess" apps/bench/compare.sh
#
# Takes the harness's variables (N, P, PIPELINE, PIPELINE_SWEEP, RATE,
# DURATION, RUNS, PEERS, OUT, ...; see apps/bench/peers/README.md) plus
# ACTORBUS_BENCH (default build/apps/bench/actorbus-bench) and
# ACTORBUS_LABELS. Needs root for the peers' packages on first use.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export ACTORBUS_BENCH="${ACTORBUS_BENCH:-$ROOT/build/apps/bench/actorbus-bench}"
export PEER_PLUGINS="$HERE/actorbus_peer.sh"
export PEERS="${PEERS:-limits redis nats rabbitmq actorbus actorbus_inprocess}"
[ -x "$ACTORBUS_BENCH" ] || { echo "compare.sh: build first (./run.sh test or cmake --build build)" >&2; exit 1; }

lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
bash "$HERE/peers/run.sh" | tee "$lines"

# Ratio table: actorbus (remote, and in-process) over each peer, per metric
# with the same durability label, from the median lines.
echo
echo "# ratios (median actorbus / median peer; latency: peer / actorbus, >1 = actorbus better)"
grep 'note=median' "$lines" | awk '
  { peer = substr($1, 6); metric = substr($2, 8); value = substr($3, 7); v[peer, metric] = value; peers[peer] = 1; metrics[metric] = 1 }
  function label(m) { n = split(m, parts, "_"); return parts[n] }
  END {
    printf "%-36s %-20s %12s %12s %8s\n", "metric", "vs", "actorbus", "peer", "ratio"
    # map actorbus labels to the peers comparable ones
    for (m in metrics) {
      for (ab in peers) {
        if (ab != "actorbus" && ab != "actorbus_inprocess") continue
        if (!((ab, m) in v)) continue
        for (p in peers) {
          if (p == "actorbus" || p == "actorbus_inprocess" || p == "limits") continue
          pm = m
          if (!((p, pm) in v) || v[p, pm] == 0 || v[ab, m] == 0) continue
          r = (m ~ /^lat_/) ? v[p, pm] / v[ab, m] : v[ab, m] / v[p, pm]
          printf "%-36s %-20s %12.6g %12.6g %8.2f\n", m, ab "/" p, v[ab, m], v[p, pm], r
        }
      }
    }
  }' | sort
