#!/usr/bin/env sh
# Coverage-guided fuzzing of every Jazzer @FuzzTest in src/test/java, one target after the other
# (one JVM each, so that two fuzzers never share a core on a small machine).
#
# Usage: [KEEP=N] bench/fuzz.sh [MINUTES] [FILTER]
#   MINUTES  fuzzing time per target (default 2; decimals allowed, e.g. 0.5)
#   FILTER   only targets whose `Class.method` contains this text (default: all)
#   KEEP     after fuzzing, replace the target's committed `corpus-*` inputs with the N largest inputs
#            of its merged corpus (default 0: leave them alone)
#
# Each target runs in Jazzer's fuzzing mode (its standalone driver on the test class path, which
# runs a JUnit @FuzzTest as `JAZZER_FUZZ=1` would) with a 10 s timeout per input (a hang is a
# finding), up to 100 distinct findings before it stops. Inputs:
#   - the committed regression inputs, src/test/resources/<package>/<Class>Inputs/<method>/ (Jazzer adds them);
#   - the corpus kept between runs, bench/out/fuzz/corpus/<Class>.<method>/ (ignored by git);
#   - real documents as extra seeds for the parsers (examples/ and ../shared/conformance/ when present).
# Crashing inputs are written by Jazzer into the regression inputs folder of the target (so that
# `./mvnw verify` replays them once committed), with a Java reproducer and the log in
# bench/out/fuzz/<Class>.<method>/. Prints, per target: seconds fuzzed, executions, executions per
# second, findings and corpus size; exits 1 when anything was found.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
MINUTES=${1:-2}
FILTER=${2:-}
KEEP=${KEEP:-0}
OUT="$ROOT/bench/out/fuzz"
SECONDS_PER_TARGET=$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }')
mkdir -p "$OUT"
cd "$ROOT"

echo "building test classes and the test class path..." >&2
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >&2
# A copy of the compiled classes, so that building while the fuzzers run does not change them.
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
cp -r target/classes "$OUT/classes/main"
cp -r target/test-classes "$OUT/classes/test"
CP="$OUT/classes/test:$OUT/classes/main:$(cat "$OUT/classpath.txt")"

# Class.method of every @FuzzTest, from the sources.
TARGETS=$(find src/test/java -name '*FuzzTest.java' | sort | while read -r file; do
  class=$(echo "$file" | sed 's|^src/test/java/||; s|\.java$||; s|/|.|g')
  awk -v class="$class" '
    /@FuzzTest/ { want = 1; next }
    want && /void [A-Za-z0-9_]+\(/ { match($0, /void [A-Za-z0-9_]+\(/); print class "." substr($0, RSTART + 5, RLENGTH - 6); want = 0 }
  ' "$file"
done)

seeds_for() {
  case "$1" in
    *IndexParserFuzzTest*|*IndexHeaderFuzzTest*) find examples src/test/resources/cli -name 'index.json' -size -64k ;;
    *MarketplaceParserFuzzTest*) find examples ../shared/conformance -name 'marketplace.json' -size -256k 2>/dev/null ;;
    *PluginManifestFuzzTest*) find examples ../shared/conformance -name 'plugin.json' -size -64k 2>/dev/null | head -100 ;;
    *PolicyLoaderFuzzTest*) find examples config src/test/resources/cli -name '*.yaml' -size -64k ;;
    *LockfileCodecFuzzTest*) find examples src/test/resources/cli -name 'plugin-lock.json' -size -64k ;;
  esac
}

SUMMARY="$OUT/summary.txt"
printf '%-78s %6s %11s %8s %8s %7s\n' target seconds executions exec/s findings corpus >"$SUMMARY"
found_any=0
for target in $TARGETS; do
  case "$target" in *"$FILTER"*) ;; *) continue ;; esac
  class=${target%.*}
  method=${target##*.}
  package_dir=$(echo "${class%.*}" | tr . /)
  simple=${class##*.}
  inputs="src/test/resources/$package_dir/${simple}Inputs/$method"
  corpus="$OUT/corpus/$class.$method"
  work="$OUT/$class.$method"
  seeds="$work/seeds"
  rm -rf "$work"
  mkdir -p "$inputs" "$corpus" "$seeds"
  i=0
  for file in $(seeds_for "$target"); do
    i=$((i + 1))
    cp "$file" "$seeds/seed-$i"
  done
  log="$work/fuzz.log"
  echo "fuzzing $target for ${SECONDS_PER_TARGET}s..." >&2
  code=0
  nice -n 10 java -Xmx768m -XX:+UseSerialGC -cp "$CP" com.code_intelligence.jazzer.Jazzer \
      --target_class="$class" --target_method="$method" \
      --keep_going=100 --reproducer_path="$work" \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=0 -print_final_stats=1 \
      "$corpus" "$seeds" >"$log" 2>&1 || code=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  took=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log" | tail -1)
  if [ -z "$runs" ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
    took=$(sed -n 's/^stat::average_exec_per_sec: *\([0-9]*\).*/\1/p' "$log" | tail -1)
    took=$([ -n "$runs" ] && [ -n "$took" ] && [ "$took" -gt 0 ] && echo $((runs / took)) || echo "$SECONDS_PER_TARGET")
  fi
  runs=${runs:-0}
  took=${took:-0}
  findings=$(grep -c '^== Java Exception:\|^==[0-9]*== ERROR: libFuzzer: timeout' "$log" || true)
  if [ "$runs" -eq 0 ] && [ "$code" -ne 0 ]; then
    findings="error"
  fi
  per_second=$([ "$took" -gt 0 ] && echo $((runs / took)) || echo "$runs")
  corpus_size=$(find "$corpus" -type f | wc -l)
  if [ "$findings" != 0 ]; then
    found_any=1
    echo "  findings of $target (exit $code), see $log:" >&2
    grep -A3 '^== Java Exception:' "$log" | head -40 >&2 || tail -5 "$log" >&2
  fi
  printf '%-78s %6s %11s %8s %8s %7s\n' "$target" "$took" "$runs" "$per_second" "$findings" "$corpus_size" >>"$SUMMARY"
  if [ "$KEEP" -gt 0 ]; then
    # The corpus reduced to inputs that each add coverage (libFuzzer's merge), of which the KEEP
    # largest under 16 KiB become regression inputs (named corpus-<sha1>): what ./mvnw verify replays.
    merged="$work/merged"
    mkdir -p "$merged"
    nice -n 10 java -Xmx768m -XX:+UseSerialGC -cp "$CP" com.code_intelligence.jazzer.Jazzer \
        --target_class="$class" --target_method="$method" -merge=1 -timeout=10 -rss_limit_mb=0 \
        "$merged" "$corpus" >"$work/merge.log" 2>&1 || true
    find "$inputs" -name 'corpus-*' -delete
    find "$merged" -type f -size -16k -exec ls -S {} + 2>/dev/null | head -n "$KEEP" | while read -r file; do
      cp "$file" "$inputs/corpus-$(basename "$file")"
    done
  fi
done

echo
echo "fuzzing, ${MINUTES} min per target, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg):"
cat "$SUMMARY"
if [ "$found_any" -ne 0 ]; then
  echo "new crashing inputs (commit them once fixed; ./mvnw verify replays them):"
  git status --porcelain -- 'src/test/resources/*Inputs/*' | sed 's/^/  /'
  exit 1
fi
