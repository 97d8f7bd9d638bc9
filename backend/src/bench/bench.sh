#!/usr/bin/env bash
# Sightline benchmarks — run by hand against a running instance, never by the test suite.
#
#   backend/src/bench/bench.sh server            start the packaged jar for benchmarking: -Xmx1g, embedded
#                                                engine, data in backend/target/bench-data (kept across starts;
#                                                delete it for a fresh instance), key $BENCH_KEY; extra
#                                                arguments go to the app (--server.port=18377).
#                                                BENCH_JFR=server.jfr records a profile until it stops; then
#                                                `jfr view hot-methods server.jfr` says where the time went
#   backend/src/bench/bench.sh ingest [--opt=v]  ingest load: 64 requests of 512 spans in flight, 10 s warm-up,
#                                                60 s measured; acknowledged spans/s, requests/s, latency, answers
#   backend/src/bench/bench.sh seed   [--opt=v]  store 10 M spans through /v1/traces; writes sampled trace IDs
#                                                to backend/target/bench/trace-ids.txt
#   backend/src/bench/bench.sh read   [--opt=v]  1000 × GET /api/v1/traces/{id}, 4 in flight; p50/p95/p99/max
#   backend/src/bench/bench.sh bulk   [--opt=v]  scale data for read benchmarks: --spans=100m synthetic spans
#                                                INSERTed by SQL into a stopped instance's data (bypasses ingest:
#                                                good for query latency, not for ingest or bytes-per-span figures)
#   backend/src/bench/bench.sh count             after stopping the bench server: stored spans per bench.run
#                                                tag (compare with "total acknowledged") and bytes per span on disk
#
# Options (also as environment variables BENCH_<NAME>):
#   all      --url=http://localhost:8080  --key=<ingest+read key> (default $BENCH_KEY, else the bench server's)
#   ingest   --concurrency=64 --batch=512 --duration=60s --warmup=10s --gzip=false
#   seed     --spans=10m --concurrency=64 --batch=512 --spread=0 (e.g. 24h to scatter start times) --sample=500
#   bulk     --spans=100m --spread=1h --project=1 --ids=1000 (replaces backend/target/bench/trace-ids.txt)
#   read     --requests=1000 --concurrency=4 --warmup=50 --ids=200 --ids-file=backend/target/bench/trace-ids.txt
#            (without the file, trace IDs come from the Jaeger search API)
#
# A typical session, in two terminals:
#   backend/src/bench/bench.sh server
#   backend/src/bench/bench.sh ingest && backend/src/bench/bench.sh seed && backend/src/bench/bench.sh read
#   (stop the server) backend/src/bench/bench.sh count
#
# The load generator runs on the same machine as the server and competes with it for CPU: say so
# when recording figures in docs/benchmarks.md. The classes live in backend/src/test/java/io/sightline/bench.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
export BENCH_KEY="${BENCH_KEY:-sl_bench_local_key_not_for_production}"

java_feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_java() {
  if [ -n "${JAVA_HOME-}" ] && [ "$(java_feature "$JAVA_HOME/bin/java")" = 25 ]; then echo "$JAVA_HOME/bin/java"; return; fi
  for jdk in /usr/lib/jvm/*25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if [ -x "$jdk/bin/java" ] && [ "$(java_feature "$jdk/bin/java")" = 25 ]; then echo "$jdk/bin/java"; return; fi
  done
  echo java
}
JAVA="$(find_java)"

# Compiles the test classes and writes their classpath, once per change of sources or pom.
classpath() {
  local file=backend/target/bench.classpath
  if [ ! -f "$file" ] || [ -n "$(find backend/src backend/pom.xml pom.xml -newer "$file" -type f -print -quit)" ]; then
    echo "building the benchmark classes…" >&2
    ./mvnw -q -pl backend -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
  fi
  echo "backend/target/test-classes:backend/target/classes:$(cat "$file")"
}

run_main() {
  local main="$1"; shift
  exec "$JAVA" -Xmx1g -XX:+UseParallelGC -cp "$(classpath)" "io.sightline.bench.$main" "$@"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  ingest) run_main IngestLoad "$@" ;;
  seed)
    [[ " $* " == *" --ids-file="* ]] || set -- "$@" --ids-file=backend/target/bench/trace-ids.txt
    run_main SpanSeeder "$@" ;;
  read)
    [[ " $* " == *" --ids-file="* ]] || set -- "$@" --ids-file=backend/target/bench/trace-ids.txt
    run_main TraceReadBench "$@" ;;
  count|bulk)
    main=StoredSpans
    if [ "$command" = bulk ]; then
      main=BulkSpans
      [[ " $* " == *" --ids-file="* ]] || set -- "$@" --ids-file=backend/target/bench/trace-ids.txt
    fi
    library="${SIGHTLINE_CHDB_LIBRARY:-$(ls "$HOME"/.cache/sightline/chdb/*/libchdb.so 2>/dev/null | tail -1)}"
    "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$(classpath)" "io.sightline.bench.$main" \
      --data-dir="$(realpath -m "${BENCH_DATA_DIR:-backend/target/bench-data}")" --library="$library" "$@" ;;
  server)
    [ -f backend/target/sightline.jar ] || ./mvnw -q -DskipTests package
    data="$(realpath -m "${BENCH_DATA_DIR:-backend/target/bench-data}")"  # H2 refuses relative paths without ./
    echo "Sightline for benchmarks: data in $data, key $BENCH_KEY, -Xmx1g; Ctrl-C to stop" >&2
    jfr=()
    [ -z "${BENCH_JFR-}" ] || jfr=("-XX:StartFlightRecording=filename=$(realpath -m "$BENCH_JFR"),settings=profile,dumponexit=true")
    SIGHTLINE_DATA_DIR="$data" SIGHTLINE_BOOTSTRAP_API_KEY="$BENCH_KEY" SIGHTLINE_OTLP_HTTP_PORT=-1 \
      exec "$JAVA" -Xmx1g "${jfr[@]}" --enable-native-access=ALL-UNNAMED -jar backend/target/sightline.jar "$@" ;;
  *)
    awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
