# actorbus as a peer of the benchmark harness in apps/bench/peers (sourced by
# its run.sh through PEER_PLUGINS; see compare.sh). Defines peer_actorbus
# (broker in its own process, client over CAF's network layer on 127.0.0.1:
# the like-for-like setup) and peer_actorbus_inprocess (broker, producer and
# consumer actors in one process).
#
# Durability labels: always (fdatasync before the publish is acknowledged,
# group commit), everysec (interval policy, 1 s: acknowledged when written,
# fdatasync once a second, as Redis appendfsync everysec), pagecache (no
# fsync).

ACTORBUS_PORT="${ACTORBUS_PORT:-27000}"
ACTORBUS_BENCH="${ACTORBUS_BENCH:-}"
ACTORBUS_LABELS="${ACTORBUS_LABELS:-everysec always pagecache}"

peer_actorbus() {
    [ -x "$ACTORBUS_BENCH" ] || { log "actorbus: set ACTORBUS_BENCH to the actorbus-bench binary"; return 1; }
    local label wl
    for label in $ACTORBUS_LABELS; do
        for wl in publish e2e latency; do
            SDIR="$(mktemp -d "$WORK/actorbus.XXXXXX")"
            port_open "$ACTORBUS_PORT" && { log "port $ACTORBUS_PORT in use"; return 1; }
            start_bg "$SDIR/server.log" "$ACTORBUS_BENCH" serve --bind 127.0.0.1 --port "$ACTORBUS_PORT" \
                --data "$SDIR/data" --fsync "$label"
            wait_port "$ACTORBUS_PORT" "$SPID" 20 || { stop_pid "$SPID"; emit actorbus "error_${wl}_${label}" 1 count start_failed; continue; }
            run_client actorbus "$label" "$wl" "$SPID" "$SDIR/data" -- "$ACTORBUS_BENCH" --port "$ACTORBUS_PORT" \
                --mode "$wl" --n "$N" --size "$P" --pipeline "$PIPELINE" --rate "$RATE" --duration "$DURATION" \
                --label "$label" --seed "$SEED"
            if [ "$wl" = publish ]; then
                local depth
                for depth in $PIPELINE_SWEEP; do
                    stop_pid "$SPID"; rm -rf "$SDIR/data"
                    start_bg "$SDIR/server.log" "$ACTORBUS_BENCH" serve --bind 127.0.0.1 --port "$ACTORBUS_PORT" \
                        --data "$SDIR/data" --fsync "$label"
                    wait_port "$ACTORBUS_PORT" "$SPID" 20 || continue
                    timeout -k 5 "$((CLIENT_TIMEOUT + 30))" "$ACTORBUS_BENCH" --port "$ACTORBUS_PORT" --mode publish \
                        --n "$N" --size "$P" --pipeline "$depth" --label "${label}_pl${depth}" --seed "$SEED" \
                        --timeout "$CLIENT_TIMEOUT" 2>>"$SDIR/client.err" | record
                done
            fi
            stop_pid "$SPID"
            rm -rf "$SDIR"
        done
    done
}

peer_actorbus_inprocess() {
    [ -x "$ACTORBUS_BENCH" ] || { log "actorbus: set ACTORBUS_BENCH to the actorbus-bench binary"; return 1; }
    local label wl
    for label in $ACTORBUS_LABELS; do
        for wl in publish e2e latency; do
            SDIR="$(mktemp -d "$WORK/actorbus-inproc.XXXXXX")"
            timeout -k 5 "$((CLIENT_TIMEOUT + 30))" "$ACTORBUS_BENCH" --inprocess 1 --data "$SDIR/data" \
                --fsync "$label" --mode "$wl" --n "$N" --size "$P" --pipeline "$PIPELINE" --rate "$RATE" \
                --duration "$DURATION" --label "$label" --seed "$SEED" --timeout "$CLIENT_TIMEOUT" \
                2>"$SDIR/client.err" | record
            [ "${PIPESTATUS[0]}" -eq 0 ] || emit actorbus_inprocess "error_${wl}_${label}" 1 count "$(tail -1 "$SDIR/client.err" | tr ' ' '_')"
            rm -rf "$SDIR"
        done
    done
}
