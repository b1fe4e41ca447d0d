#!/usr/bin/env bash
# MonitorDash's live heap under sustained overload (issue 9: "after 10 minutes of overload the live heap
# stays <= 64 MB and drops are counted"). One command, from the repository root or anywhere:
#
#   benchmarks/overload-heap.sh
#
# It starts PeerApp (the application of peer-load.sh) at level 1 on one core and loads /hello with wrk
# from the other for DURATION seconds. The writer is made the bottleneck on purpose: with
# monitordash.writer.batch-size=1 every record pays a whole transaction, so records arrive many times
# faster than they can be written, the queue stays full and the surplus is dropped. Every minute it
# prints the live heap (jcmd GC.class_histogram: the objects a full GC keeps, the whole application's)
# with MonitorDash's counters. At the end it prints
#
#   RESULT overload live-heap-max=<MB> accepted=<n> written=<n> dropped=<n> queued=<n>
#
# and fails if the live heap ever passed LIMIT_MB or if nothing was dropped (no overload happened).
#
# Settings (environment): DURATION=600  LIMIT_MB=64  MODE=md1  BATCH_SIZE=1  CONNECTIONS=16
#   SERVER_CPU=0 LOAD_CPU=1  PORT=18090  SKIP_BUILD=1 (use the benchmarks jar as built)  OUT= (folder)
set -euo pipefail

DURATION=${DURATION:-600}
LIMIT_MB=${LIMIT_MB:-64}
MODE=${MODE:-md1}
BATCH_SIZE=${BATCH_SIZE:-1}
CONNECTIONS=${CONNECTIONS:-16}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PORT=${PORT:-18090}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/overload-heap.XXXXXX")}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"

log() { printf '[overload-heap] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v wrk > /dev/null || die "wrk not found (Debian package wrk; benchmarks/peer-load.sh installs it)"
command -v jcmd > /dev/null || die "jcmd (a JDK) is needed"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
    log "building the benchmarks jar"
    (cd "$ROOT" && nice ./mvnw -q -B package -DskipTests -pl benchmarks -am)
fi

data="$OUT/data"; mkdir -p "$data"
(cd "$data" && exec taskset -c "$SERVER_CPU" java -XX:+UseSerialGC -Xms1g -Xmx1g \
    -Dmonitordash.writer.batch-size="$BATCH_SIZE" \
    -cp "$JAR" dev.monitordash.benchmarks.peer.PeerApp "$MODE" "$PORT" "$data") > "$OUT/server.log" 2>&1 &
pid=$!
trap 'kill -9 "$pid" 2> /dev/null; true' EXIT
for _ in $(seq 1 600); do
    grep -qs '^PEER-READY' "$OUT/server.log" && break
    kill -0 "$pid" 2> /dev/null || { cat "$OUT/server.log" >&2; die "the server died at startup"; }
    sleep 0.1
done
grep -qs '^PEER-READY' "$OUT/server.log" || die "the server did not start"

# Live heap in MB: what a full GC keeps, as the class histogram counts it (the histogram forces the GC;
# jstat's used figures right after would already include eden refilled by the load).
live_heap_mb() {
    jcmd "$pid" GC.class_histogram | awk '$1 == "Total" { printf "%.1f", $3 / 1048576 }'
}

log "$MODE, writer batch size $BATCH_SIZE, /hello under $CONNECTIONS connections for $DURATION s; output in $OUT"
taskset -c "$LOAD_CPU" wrk -t2 -c"$CONNECTIONS" -d"$DURATION"s "http://127.0.0.1:$PORT/hello" > "$OUT/wrk.txt" &
wrk_pid=$!
max=0
elapsed=0
while kill -0 "$wrk_pid" 2> /dev/null; do
    sleep 60 & wait $! || true
    kill -0 "$wrk_pid" 2> /dev/null || break
    elapsed=$((elapsed + 60))
    mb=$(live_heap_mb)
    max=$(awk -v a="$max" -v b="$mb" 'BEGIN { print (b > a ? b : a) }')
    log "$elapsed s: live heap $mb MB; $(cat "$data/stats" 2> /dev/null)"
done
wait "$wrk_pid" || true
mb=$(live_heap_mb)
max=$(awk -v a="$max" -v b="$mb" 'BEGIN { print (b > a ? b : a) }')
stats=$(cat "$data/stats")
log "end: live heap $mb MB; $stats"
grep -E 'Requests/sec|Non-2xx' "$OUT/wrk.txt" >&2 || true
echo "RESULT overload live-heap-max=${max}MB $stats"
kill "$pid" 2> /dev/null || true
wait "$pid" 2> /dev/null || true
awk -v m="$max" -v l="$LIMIT_MB" 'BEGIN { exit !(m <= l) }' || die "live heap $max MB passed $LIMIT_MB MB"
case "$stats" in *" dropped=0 "*) die "nothing was dropped: no overload happened";; esac
