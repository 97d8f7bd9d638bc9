#!/usr/bin/env bash
# Sightline's benchmarks (outside the test suite). Figures go to docs/benchmarks.md.
#
#   backend/src/bench/bench.sh ingest [concurrency=64] [seconds=60] [IngestLoad options…]
#       starts the packaged app with -Xmx1g on a fresh data directory, drives it with IngestLoad
#       (OTLP/HTTP protobuf, 512 spans per request, 10 s warm-up; more options such as --gzip=true,
#       --warmup=5s or --protocol=grpc for OTLP/gRPC after the first two), then prints peak RSS and
#       storage per span, as the running server counts it and then with every table merged
#       (StorageReport: each table's and each spans column's bytes per span); then, with the server stopped, runs the engine mode below over the same
#       rows (same generator and seeds, up to BENCH_ENGINE_SPANS=3000000 of them) and prints the
#       acknowledged rate as a ratio to the engine's own insert rate. BENCH_ENGINE=0 skips that.
#   backend/src/bench/bench.sh engine [spans=2000000] [EngineInsertBench options…]
#       the engine's own insert rate for the rows IngestLoad sends: EngineInsertBench encodes them
#       once with the app's code, then inserts them through the port's insert in the app's batch
#       size (--batch-spans=32768) from its writers (--writers=cores/2) into the app's tables, timing only the
#       inserts; prints engine CPU per span, parts written and merges (system.events). MergeTree
#       settings to try go in --settings=name=value,… (set on the spans table first), schema variants in
#       --before="ALTER TABLE sightline.spans DROP INDEX idx_trace_id;DROP VIEW sightline.trace_index_mv"
#       (statements run after the migrations).
#   backend/src/bench/bench.sh read [spans=10000000] [requests=1000]
#       seeds a fresh data directory with synthetic spans (SpanSeeder), prints the engine's CPU per
#       trace read and its steps (TraceReadCost: CPU, so it holds on a busy machine), starts the app on it and
#       measures GET /api/v1/traces/{id} with TraceReadBench, from 1 and then 4 clients, and
#       GET /api/v1/search over one-hour windows with SearchBench, and an endpoint's latency
#       over 1 h, 24 h and 7 d and the overview's every endpoint over 7 d with LatencyBench.
#   backend/src/bench/bench.sh mixed [spans=10000000] [rate=30000] [seconds=60] [exporters=64]
#       seeds like read, then ingests at a fixed rate (IngestLoad --rate, spans/s in all) while
#       SteadyReaders reads from one client asking for traces by ID (seeded IDs) and one searching
#       one-hour windows, each pausing 100 ms between requests: trace by ID and search p95 during
#       ingest (issue 13: ≤ 100 ms and ≤ 300 ms at 30 k spans/s).
#   backend/src/bench/bench.sh heavy [spans=10000000] [readers=4] [exporters=64] [seconds=60]
#       seeds like read, then runs IngestLoad flat out from that many exporters while HeavyReaders
#       loops over the most expensive reads the APIs allow from that many clients, both for the same
#       time: whether heavy reads slow ingest (its answers and p99) and what the readers were answered.
#   backend/src/bench/bench.sh fsync [inserts=30] [spans-per-insert=10000]
#       what sightline.storage.fsync costs an insert: FsyncCost inserts the same batch of spans
#       alternately into a schema with fsync on and one with it off, in one engine, and prints
#       each mode's insert time.
#   backend/src/bench/bench.sh bodies [concurrency=64] [seconds=60]
#       starts the app with -Xmx512m and has BigBodies send ~15 MiB bodies from that many clients
#       at once (40,000-span batches and one-span requests with a 15 MiB attribute); prints the
#       answers by status, then fails if the server logged an OutOfMemoryError or stopped answering.
#
# Environment: BENCH_DIR (default /tmp/sightline-bench), BENCH_PORT (default 18080),
# BENCH_JFR=file.jfr to record a JFR profile of the server (then: jfr view hot-methods file.jfr,
# jfr view gc-pauses file.jfr, jfr view allocation-by-site file.jfr).
set -euo pipefail
cd "$(dirname "$0")/../../.."

mode=${1:?usage: bench.sh ingest|engine|bodies|read|mixed|heavy|fsync [...]}
dir=${BENCH_DIR:-/tmp/sightline-bench}
port=${BENCH_PORT:-18080}
grpc_port=${BENCH_GRPC_PORT:-14317}
key=sl_bench_key_0123456789abcdef
java_home=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)
java=${JAVA_HOME:-$java_home}/bin/java

echo "Building the jar and the benchmark classpath…"
./mvnw -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
classpath="backend/target/test-classes:backend/target/classes:$(cat backend/target/bench.classpath)"
chdb=$(ls ~/.cache/sightline/chdb/*/libchdb.so | tail -1)

start_server() {
  if curl -s "http://localhost:$port/" >/dev/null; then
    echo "port $port is already in use; stop what runs there or set BENCH_PORT" >&2
    exit 1
  fi
  SIGHTLINE_DATA_DIR="$dir" SERVER_PORT=$port SIGHTLINE_OTLP_HTTP_PORT=-1 SIGHTLINE_OTLP_GRPC_PORT=$grpc_port \
    SIGHTLINE_ZIPKIN_PORT=-1 SIGHTLINE_BOOTSTRAP_API_KEY=$key \
    SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password \
    "$java" -Xmx${heap:-1g} ${BENCH_JFR:+-XX:StartFlightRecording=filename=$(realpath -m "$BENCH_JFR"),settings=profile,dumponexit=true} \
    -jar backend/target/sightline.jar >"$dir/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 120); do
    curl -sf "http://localhost:$port/actuator/health" >/dev/null && return
    sleep 1
  done
  echo "the server did not start; see $dir/server.log" >&2
  exit 1
}

# The server's CPU so far in ticks (1/100 s): the process's in all (threads that ended included),
# then each thread name's, digits dropped so a pool counts once (Java names a thread's native thread
# after the Java thread: span-writer-0, http-nio-…; the engine after its pools: MergeMutate, …).
thread_cpu() {
  awk '{sub(/.*\) /, ""); print "(the whole process)\t" $12 + $13}' "/proc/$server/stat"
  for task in /proc/"$server"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    name=$(tr -d '0-9\n' <"$task/comm" | tr ' ' '_')
    echo "$name ${stat##*) }"
  done | awk '{cpu[$1] += $13 + $14} END {for (n in cpu) print n "\t" cpu[n]}' | sort
}

# Prints where the server's CPU went between two thread_cpu snapshots, in µs per span.
cpu_per_span() {
  echo "Server CPU per span acknowledged ($3 spans), by thread (µs; the largest 20):"
  join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 <(echo "$1") <(echo "$2") |
    awk -F '\t' -v spans="$3" '{printf "%10.1f  %s\n", ($3 - $2) * 1e4 / spans, $1}' | sort -rn | head -20
}

stop_server() {
  echo "Server peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$server/status)"
  kill "$server"
  wait "$server" || true
}

storage() {
  curl -s -H "Authorization: Bearer $key" "http://localhost:$port/api/v1/storage"
  echo
}

rm -rf "$dir"
mkdir -p "$dir"
case "$mode" in
  ingest)
    run=$(cat /proc/sys/kernel/random/uuid)
    start_server
    cpu_before=$(thread_cpu)
    "$java" -Xmx2g -cp "$classpath" io.sightline.bench.IngestLoad --url="http://localhost:$port" --key="$key" --grpc-port=$grpc_port \
      --concurrency="${2:-64}" --duration="${3:-60}s" --run="$run" "${@:4}" | tee "$dir/ingest.txt"
    cpu_per_span "$cpu_before" "$(thread_cpu)" \
      "$(awk '/^total acknowledged/ {gsub(",", "", $5); print $5}' "$dir/ingest.txt")"
    echo "Storage after merges settle (system.parts, active parts):"
    sleep 10
    storage
    stop_server
    echo "Storage with every table merged (StorageReport), the figure to compare between builds:"
    "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.StorageReport "$chdb" "$dir"
    if [ "${BENCH_ENGINE:-1}" != 0 ]; then
      acknowledged=$(awk '/^acknowledged:/ {gsub(",", "", $2); print $2}' "$dir/ingest.txt")
      spans=$(awk '/^acknowledged:/ {gsub("[(,]", "", $9); print $9}' "$dir/ingest.txt")
      spans=$((spans < ${BENCH_ENGINE_SPANS:-3000000} ? spans : ${BENCH_ENGINE_SPANS:-3000000}))
      echo "The engine alone, the same rows (run $run, $spans spans):"
      "$java" -Xmx6g --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.EngineInsertBench \
        --library="$chdb" --dir="$dir" --run="$run" --exporters="${2:-64}" --spans="$spans" | tee "$dir/engine.txt"
      engine=$(awk '/^engine:/ {print $2}' "$dir/engine.txt")
      awk -v a="$acknowledged" -v e="$engine" 'BEGIN {printf "ingest / engine: %.0f / %.0f spans/s = %.2f\n", a, e, a / e}'
    fi
    ;;
  engine)
    "$java" -Xmx6g --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.EngineInsertBench \
      --library="$chdb" --dir="$dir" --spans="${2:-2000000}" "${@:3}"
    ;;
  bodies)
    heap=512m start_server
    "$java" -Xmx4g -cp "$classpath" io.sightline.bench.BigBodies --url="http://localhost:$port" --key="$key" \
      --concurrency="${2:-64}" --duration="${3:-60}s"
    echo "Server log: $(grep -c OutOfMemoryError "$dir/server.log" || true) OutOfMemoryError line(s)"
    curl -sf "http://localhost:$port/actuator/health" >/dev/null && echo "Server still answers /actuator/health" \
      || { echo "the server no longer answers" >&2; exit 1; }
    if grep -q OutOfMemoryError "$dir/server.log"; then exit 1; fi
    stop_server
    ;;
  read)
    "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.SpanSeeder "$chdb" "$dir" "${2:-10000000}"
    "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.TraceReadCost "$chdb" "$dir" \
      "$dir/bench-trace-ids.txt" 200
    start_server
    storage
    for clients in 1 4; do
      "$java" -cp "$classpath" io.sightline.bench.TraceReadBench "http://localhost:$port" "$key" "$dir/bench-trace-ids.txt" "${3:-1000}" $clients
    done
    "$java" -cp "$classpath" io.sightline.bench.SearchBench "http://localhost:$port" "$key" 100
    "$java" -cp "$classpath" io.sightline.bench.LatencyBench "http://localhost:$port" "$key" 100
    stop_server
    ;;
  mixed)
    "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.SpanSeeder "$chdb" "$dir" "${2:-10000000}"
    start_server
    seconds=${4:-60}
    # The readers start with the exporters' 10 s warm-up, measure after it, and end with them.
    "$java" -cp "$classpath" io.sightline.bench.SteadyReaders "http://localhost:$port" "$key" "$dir/bench-trace-ids.txt" \
      $((seconds + 10)) 1 100 10 >"$dir/readers.txt" &
    readers=$!
    "$java" -Xmx2g -cp "$classpath" io.sightline.bench.IngestLoad --url="http://localhost:$port" --key="$key" \
      --concurrency="${5:-64}" --duration="${seconds}s" --rate="${3:-30000}"
    wait $readers
    echo "Readers, meanwhile (after the warm-up):"
    cat "$dir/readers.txt"
    stop_server
    ;;
  heavy)
    "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.SpanSeeder "$chdb" "$dir" "${2:-10000000}"
    start_server
    seconds=${5:-60}
    # The readers start with the exporters' 10 s warm-up and outlast the measured window.
    "$java" -cp "$classpath" io.sightline.bench.HeavyReaders "http://localhost:$port" "$key" "${3:-4}" $((seconds + 10)) \
      >"$dir/readers.txt" &
    readers=$!
    "$java" -Xmx2g -cp "$classpath" io.sightline.bench.IngestLoad --url="http://localhost:$port" --key="$key" \
      --concurrency="${4:-64}" --duration="${seconds}s"
    wait $readers
    echo "Heavy readers, meanwhile:"
    cat "$dir/readers.txt"
    stop_server
    ;;
  fsync)
    "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.sightline.bench.FsyncCost "$chdb" "$dir" "${2:-30}" "${3:-10000}"
    ;;
  *)
    echo "unknown mode $mode: use ingest, engine, bodies, read, mixed, heavy or fsync" >&2
    exit 2
    ;;
esac
