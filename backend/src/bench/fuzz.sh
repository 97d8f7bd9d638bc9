#!/usr/bin/env bash
# Long coverage-guided fuzzing runs (Jazzer) of the OTLP decoding and the search/window parameter
# parsing: every *FuzzTest, or the ones named, one after the other, each for DURATION.
# `./mvnw verify` fuzzes the same tests for 20 s each; here the fuzzer also sees the branches
# inside the protobuf and JSON libraries (slower to start, better at building deep inputs).
#
#   backend/src/bench/fuzz.sh 10m                       every fuzz test for 10 minutes
#   backend/src/bench/fuzz.sh 1h OtlpProtobufFuzzTest   one of them for an hour
#
# The corpus grows in backend/target/fuzz/.cifuzz-corpus (kept between runs until `mvn clean`).
# A finding fails its run and leaves its input in backend/target/fuzz/crash-*: fix the bug, then
# copy the file into src/test/resources/io/sightline/<package>/<Test>Inputs/<method>/ so every
# `./mvnw verify` replays it. Each target's log: backend/target/fuzz/<Test>.log.
set -euo pipefail
cd "$(dirname "$0")/../../.."

duration=${1:?usage: fuzz.sh DURATION (such as 10m or 1h) [FuzzTestClass...]}
shift
if (($# == 0)); then
  set -- $(find backend/src/test/java -name '*FuzzTest.java' -exec basename {} .java \; | sort)
fi
instrument='io.sightline.**,com.google.protobuf.**,io.opentelemetry.proto.**,tools.jackson.**,com.google.gson.**'
mkdir -p backend/target/fuzz

./mvnw -B -q -pl backend -am test-compile
status=0
for target in "$@"; do
  log=backend/target/fuzz/$target.log
  echo "fuzzing $target for $duration (log: $log)"
  ./mvnw -B -pl backend surefire:test@fuzz -Dfuzz.forks=1 -Dfuzz.duration="$duration" \
    -Dfuzz.tests="**/$target.java" -Dfuzz.instrument="$instrument" >"$log" 2>&1 || status=1
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1 || true)
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*' "$log" | tail -1 || true)
  findings=$(grep -o "Test unit written to .*" "$log" || true)
  echo "  ${runs:-did not run}; ${coverage:-no coverage}; ${findings:-no finding}"
done
exit $status
