#!/usr/bin/env bash
# MonitorDash under load in a real Jetty 12 application, against the same application without monitoring
# and with JavaMelody (issue 9). One command, from the repository root or anywhere:
#
#   benchmarks/peer-load.sh
#
# It starts one server JVM per mode (bare, md0, md1, md2, javamelody: dev.monitordash.benchmarks.peer.PeerApp,
# each on its own port), all pinned to one core, and warms each up. Then, in every round, it measures the
# modes one after the other (bare, md0, ..., javamelody, bare, md0, ...), each endpoint (/hello, /sleep5)
# with wrk (16 connections, 2 threads) pinned to another core. It prints a table of medians over the
# rounds (with the server's CPU time per request, by thread) and one line per mode and endpoint:
#
#   RESULT <mode> <endpoint> throughput=<median req/s ÷ bare's> p99=<median p99 ÷ bare's>
#
# Settings (environment):
#   ROUNDS=3          measured rounds (each mode once per round)
#   DURATION=10       seconds of measurement per endpoint, mode and round
#   WARMUP=30         seconds of load per endpoint and mode before the first round (JIT on one core),
#   WARMUP_MAX=180    then more until the JIT compilers use at most 3 % of the server's CPU, or this long
#   MODES="bare md0 md1 md2 javamelody"   modes, in the order they alternate (ratios need bare); a mode
#                     written MODE@FILE.jar runs that jar's PeerApp (an older build, to compare side by
#                     side), and is labelled MODE@FILE
#   ENDPOINTS="hello sleep5"
#   SERVER_CPU=0 LOAD_CPU=1   cores of the server JVM and of wrk
#   PORT=18080
#   PEER_JAVA_OPTS=   extra options for the server JVM
#   JFR_DIR=          if set: record each measured window with JFR (peer-load.jfc) into this folder;
#                     summarise with: java -cp benchmarks/target/benchmarks.jar \
#                       dev.monitordash.benchmarks.peer.JfrThreads JFR_DIR/md1-hello-*.jfr
#   SKIP_BUILD=1      use the benchmarks jar as built
#   OUT=              folder for logs and raw results (default: a new temp folder)
# A quick try: ROUNDS=1 DURATION=3 WARMUP=10 WARMUP_MAX=20 benchmarks/peer-load.sh
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
WARMUP_MAX=${WARMUP_MAX:-180}
read -r -a MODES <<< "${MODES:-bare md0 md1 md2 javamelody}"
read -r -a ENDPOINTS <<< "${ENDPOINTS:-hello sleep5}"
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
PORT=${PORT:-18080}
CONNECTIONS=16
WRK_THREADS=2
# One core: the JVM would pick the serial collector by itself; saying so, and fixing the heap, keeps
# every mode on the same footing.
JAVA_OPTS=(-XX:+UseSerialGC -Xms1g -Xmx1g)
read -r -a EXTRA_JAVA_OPTS <<< "${PEER_JAVA_OPTS:-}"
JFR_DIR=${JFR_DIR:-}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/peer-load.XXXXXX")}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
CLK_TCK=$(getconf CLK_TCK)

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
RESULTS="$OUT/results.tsv"

log() { printf '[peer-load] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo > /dev/null; then sudo "$@"; else
        die "need root or sudo to run: $*"; fi
}

prerequisites() {
    command -v java > /dev/null || die "java (JDK 17+) not found"
    command -v taskset > /dev/null || die "taskset not found (Debian package util-linux)"
    if ! command -v wrk > /dev/null; then
        log "installing wrk"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null
    fi
    local cores; cores=$(nproc --all)
    [ "$SERVER_CPU" -lt "$cores" ] && [ "$LOAD_CPU" -lt "$cores" ] && [ "$SERVER_CPU" != "$LOAD_CPU" ] \
        || die "needs two cores (SERVER_CPU=$SERVER_CPU, LOAD_CPU=$LOAD_CPU, $cores cores here)"
    [ "${MODES[0]}" = bare ] || die "MODES must start with bare: every ratio is to bare"
    if [ -n "$JFR_DIR" ]; then mkdir -p "$JFR_DIR"; JFR_DIR=$(cd "$JFR_DIR" && pwd); fi
}

build() {
    if [ "${SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; then return; fi
    log "building the benchmarks jar (reactor package; nothing is installed into ~/.m2)"
    (cd "$ROOT" && nice ./mvnw -q -B package -DskipTests -pl benchmarks -am)
}

# Starts the server of one mode on its own port and data folder, and waits until it serves.
start_server() {
    local spec=$1 port=$2 mode=${1%%@*} jar=$JAR
    if [ "$spec" != "$mode" ]; then jar=${spec#*@}; mode="$mode@$(basename "$jar" .jar)"; fi
    [ -f "$jar" ] || die "no $jar"
    local data="$OUT/data/$mode" logf="$OUT/logs/$mode.log"
    LABELS+=("$mode")
    mkdir -p "$data"
    (cd "$data" && exec taskset -c "$SERVER_CPU" java "${JAVA_OPTS[@]}" "${EXTRA_JAVA_OPTS[@]}" \
        -cp "$jar" dev.monitordash.benchmarks.peer.PeerApp "${mode%%@*}" "$port" "$data") > "$logf" 2>&1 &
    PIDS[$mode]=$!
    PORTS[$mode]=$port
    for _ in $(seq 1 1200); do
        grep -qs '^PEER-READY' "$logf" && return
        kill -0 "${PIDS[$mode]}" 2> /dev/null || { cat "$logf" >&2; die "the $mode server died at startup"; }
        sleep 0.1
    done
    die "the $mode server did not start within 120 s (log: $logf)"
}

# SIGTERM: PeerApp prints MonitorDash's counters (records dropped?) and stops Jetty, which flushes.
stop_server() {
    local mode=$1 pid=${PIDS[$1]}
    kill "$pid" 2> /dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    unset 'PIDS[$mode]'
    local stats; stats=$(grep '^PEER-STATS' "$OUT/logs/$mode.log" || true)
    if [ -n "$stats" ]; then
        log "$stats"
        case "$stats" in *" dropped=0 "*) ;; *) log "WARNING: MonitorDash dropped records in $mode";; esac
    fi
}
declare -A PIDS PORTS
LABELS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2> /dev/null; done; true' EXIT

load() { # seconds mode endpoint -> wrk's report
    taskset -c "$LOAD_CPU" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$1"s --latency \
        "http://127.0.0.1:${PORTS[$2]}/$3"
}

# CPU ticks of each live thread of the server: "tid group ticks" lines, the group being what the thread
# is for. Linux keeps the first 15 characters of a Java thread's name.
thread_ticks() {
    cat /proc/"$1"/task/*/stat 2> /dev/null | awk '
        { match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2)
          split(substr($0, RSTART + RLENGTH + 1), f, " ")
          if (name ~ /^qtp/) g = "jetty"
          else if (name ~ /^monitordash-wri/) g = "writer"
          else if (name ~ /^monitordash-(wat|pro)/) g = "watchdog"
          else if (name ~ /^monitordash-sys/) g = "system"
          else if (name ~ /^(C1|C2) Compiler/) g = "jit"
          else if (name ~ /^(VM Thread|GC Thread|VM Periodic)/) g = "gc"
          else g = "other"
          print $1, g, f[12] + f[13] }'   # utime + stime
}

process_ticks() { # all threads of the process, those that ended included
    awk '{ match($0, /\(.*\)/); split(substr($0, RSTART + RLENGTH + 1), f, " "); print f[12] + f[13] }' \
        /proc/"$1"/stat
}

# CPU µs per request by thread group between two thread_ticks snapshots; "other" takes the rest of the
# process's CPU (threads that are not ours, and those that ended during the window).
cpu_per_request() { # before after process_ticks_delta requests
    awk -v total="$3" -v n="$4" -v hz="$CLK_TCK" '
        FNR == NR { before[$1] = $3; next }
        { t[$2] += $3 - before[$1] }
        END { us = 1e6 / hz / n
              known = t["jetty"] + t["writer"] + t["watchdog"] + t["system"] + t["jit"] + t["gc"]
              printf "%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f", total * us, t["jetty"] * us, t["writer"] * us,
                  t["watchdog"] * us, t["system"] * us, (t["jit"] + t["gc"]) * us, (total - known) * us }' \
        <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# A counter of MonitorDash in the mode's stats file (PeerApp rewrites it every second); 0 without one.
counter() { # mode name
    local f="$OUT/data/$1/stats"
    if [ -f "$f" ]; then tr ' ' '\n' < "$f" | awk -F= -v k="$2" '$1 == k { print $2 }'; else echo 0; fi
}

# One measured window: wrk's throughput and p99, the server's CPU per request by thread group, and the
# outliers MonitorDash captured and the records it dropped meanwhile.
measure() {
    local mode=$1 endpoint=$2 round=$3 pid=${PIDS[$1]} report="$OUT/logs/$1-$2-r$3.wrk"
    local before after ticks0 ticks1 outliers0 dropped0
    outliers0=$(counter "$mode" outliers); dropped0=$(counter "$mode" dropped)
    if [ -n "$JFR_DIR" ]; then
        taskset -c "$LOAD_CPU" jcmd "$pid" JFR.start name=peer settings="$ROOT/benchmarks/peer-load.jfc" > /dev/null
    fi
    before=$(thread_ticks "$pid"); ticks0=$(process_ticks "$pid")
    load "$DURATION" "$mode" "$endpoint" > "$report"
    after=$(thread_ticks "$pid"); ticks1=$(process_ticks "$pid")
    sleep 1.2 # the stats file is rewritten every second
    if [ -n "$JFR_DIR" ]; then
        taskset -c "$LOAD_CPU" jcmd "$pid" JFR.stop name=peer filename="$JFR_DIR/$mode-$endpoint-r$round.jfr" \
            > /dev/null
    fi
    if grep -Eq 'Non-2xx|Socket errors' "$report"; then
        log "WARNING: errors in $mode /$endpoint round $round:"; grep -E 'Non-2xx|Socket errors' "$report" >&2
    fi
    local rps p99 requests cpu
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$report")
    p99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
          print v * (u == "s" ? 1e6 : u == "ms" ? 1e3 : 1) }' "$report")
    requests=$(awk '/requests in/ { print $1 }' "$report")
    cpu=$(cpu_per_request "$before" "$after" "$((ticks1 - ticks0))" "$requests")
    local outliers=$(($(counter "$mode" outliers) - outliers0)) dropped=$(($(counter "$mode" dropped) - dropped0))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$endpoint" "$rps" "$p99" "$cpu" "$outliers" \
        "$dropped" >> "$RESULTS"
    log "  $mode /$endpoint: $rps req/s, p99 ${p99} µs, CPU/request ${cpu%%$'\t'*} µs, $outliers outliers, $dropped dropped"
}

# WARMUP seconds per endpoint, then 10 s more of each endpoint until the JIT compilers used at most 3 %
# of the server's CPU (at most WARMUP_MAX seconds in all): on a busy machine the JIT, sharing the server's
# one core, takes minutes to compile what it takes seconds for on an idle one.
warm_up() {
    local mode=$1 pid=${PIDS[$1]} endpoint start=$SECONDS before after ticks0 ticks1 jit
    log "warming up $mode"
    for endpoint in "${ENDPOINTS[@]}"; do load "$WARMUP" "$mode" "$endpoint" > /dev/null; done
    while [ $((SECONDS - start)) -lt "$WARMUP_MAX" ]; do
        before=$(thread_ticks "$pid"); ticks0=$(process_ticks "$pid")
        for endpoint in "${ENDPOINTS[@]}"; do load 10 "$mode" "$endpoint" > /dev/null; done
        after=$(thread_ticks "$pid"); ticks1=$(process_ticks "$pid")
        jit=$(awk 'FNR == NR { b[$1] = $3; next } $2 == "jit" { t += $3 - b[$1] } END { print t + 0 }' \
            <(printf '%s\n' "$before") <(printf '%s\n' "$after"))
        [ $((jit * 100)) -le $(((ticks1 - ticks0) * 3)) ] && break
        log "  the JIT still took $((jit * 100 / (ticks1 - ticks0 + 1))) % of $mode's CPU: warming up further"
    done
    log "  $mode warmed up in $((SECONDS - start)) s"
}

# All servers run side by side, each warmed up once: on one core the JIT needs tens of seconds of load
# before a JVM serves at full speed, far too long to restart servers between rounds. Idle, a server
# costs the one being measured next to nothing (its threads sleep).
run() {
    printf 'round\tmode\tendpoint\trps\tp99_us\tcpu_us\tjetty_us\twriter_us\twatchdog_us\tsystem_us\tjit_gc_us\tother_us\toutliers\tdropped\n' \
        > "$RESULTS"
    local i=0 round spec mode
    for spec in "${MODES[@]}"; do
        start_server "$spec" $((PORT + i)); i=$((i + 1))
        warm_up "${LABELS[-1]}"
    done
    for round in $(seq 1 "$ROUNDS"); do
        log "round $round/$ROUNDS"
        for mode in "${LABELS[@]}"; do
            for endpoint in "${ENDPOINTS[@]}"; do measure "$mode" "$endpoint" "$round"; done
        done
    done
    for mode in "${LABELS[@]}"; do stop_server "$mode"; done
}

# Medians over the rounds per mode and endpoint; ratios to bare.
report() {
    echo
    echo "Medians over $ROUNDS round(s) of ${DURATION} s per endpoint; server on core $SERVER_CPU, wrk" \
         "-t$WRK_THREADS -c$CONNECTIONS on core $LOAD_CPU. CPU: the server's CPU time per request (µs), by" \
         "thread; outliers captured and records dropped: per window."
    awk -F'\t' -v modes="${LABELS[*]}" -v endpoints="${ENDPOINTS[*]}" '
        function median(key, col,   n, i, j, x, v) {
            n = split(vals[key, col], v, " ")
            for (i = 2; i <= n; i++) { x = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        NR > 1 { for (c = 4; c <= 14; c++) vals[$2 " " $3, c] = vals[$2 " " $3, c] (vals[$2 " " $3, c] == "" ? "" : " ") $c }
        END {
            nm = split(modes, m, " "); ne = split(endpoints, e, " ")
            printf "| mode | endpoint | req/s | p99 | throughput ÷ bare | p99 ÷ bare | CPU µs/req | jetty | writer | watchdog | system sampler | JIT+GC | other | outliers | dropped |\n"
            printf "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            for (j = 1; j <= ne; j++) for (i = 1; i <= nm; i++) {
                k = m[i] " " e[j]; b = "bare " e[j]
                rps = median(k, 4); p99 = median(k, 5)
                tr[k] = rps / median(b, 4); pr[k] = p99 / median(b, 5)
                printf "| %s | /%s | %.0f | %.0f µs | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d |\n",
                    m[i], e[j], rps, p99, tr[k], pr[k], median(k, 6), median(k, 7), median(k, 8), median(k, 9),
                    median(k, 10), median(k, 11), median(k, 12), median(k, 13), median(k, 14)
            }
            print ""
            for (j = 1; j <= ne; j++) for (i = 1; i <= nm; i++) if (median(m[i] " " e[j], 14) > 0)
                printf "WARNING: %s /%s dropped records (the writer could not keep up): its throughput is not" \
                    " that of recording every request\n", m[i], e[j]
            for (i = 1; i <= nm; i++) for (j = 1; j <= ne; j++) {
                k = m[i] " " e[j]
                printf "RESULT %s %s throughput=%.2f p99=%.2f\n", m[i], e[j], tr[k], pr[k]
            }
        }' "$RESULTS"
    echo
    echo "Raw results: $RESULTS; logs and wrk reports: $OUT/logs"
}

prerequisites
build
[ -f "$JAR" ] || die "no $JAR"
mkdir -p "$OUT/logs"
log "output in $OUT"
run
report
