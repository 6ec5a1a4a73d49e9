#!/usr/bin/env sh
# Resolution at scale, whole process (DESIGN.md §9): after a sync, `mp resolve` of 2,000 requested
# plugins across 5 registries of 20,000 entries ("small"), and of 5,000 across 10 registries of
# 100,000 entries ("large"), through the real launcher (./mp: JVM start, class-data archive,
# command-line parsing, lookups in the cache's lookup files, solving, conflicts and the audit trail,
# the policy, and the output, as text and as --json).
#
# The federations are the resolver benchmark's (src/test/java/dev/mp/bench/SyntheticFederation.java),
# written as index files by FederationGenerator under bench/out/resolve/ (git-ignored; ~45 MB and
# ~450 MB) and synced once into bench/out/resolve/cache-*. The requested names are passed as
# arguments (5,000 fit on a Linux command line).
#
# Usage: bench/resolve/whole-process.sh [RUNS]   (default 5; prints medians, see bench/lib.sh)
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
cd "$ROOT"
. bench/lib.sh
RUNS=${1:-5}
OUT=bench/out/resolve
./mvnw -q -B -DskipTests package test-compile >&2
./mp --version >/dev/null
for workload in small large; do
  if [ ! -f "$OUT/$workload/requested.txt" ]; then
    java -cp target/mp.jar:target/test-classes dev.mp.bench.FederationGenerator "$OUT/$workload" "$workload"
  fi
  if [ ! -d "$OUT/cache-$workload" ]; then
    measure "sync $workload (empty cache)" 1 ./mp -C "$OUT/$workload/project" --cache-dir "$OUT/cache-$workload" registry sync
  fi
done
echo "data: $(du -sh "$OUT/small" | cut -f1) small, $(du -sh "$OUT/large" | cut -f1) large; hello world for scale:"
mkdir -p "$OUT/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$OUT/hello/Hello.java"
javac -d "$OUT/hello" "$OUT/hello/Hello.java"
measure "java -cp . Hello" "$RUNS" java -cp "$OUT/hello" Hello
for workload in small large; do
  project="$OUT/$workload/project"
  cache="$OUT/cache-$workload"
  # shellcheck disable=SC2046
  set -- $(cat "$OUT/$workload/requested.txt")
  measure "resolve $workload: 1 plugin" "$RUNS" ./mp -C "$project" --cache-dir "$cache" resolve "$1"
  measure "resolve $workload: $# plugins, text" "$RUNS" ./mp -C "$project" --cache-dir "$cache" resolve "$@"
  measure "resolve $workload: $# plugins, --json" "$RUNS" ./mp -C "$project" --cache-dir "$cache" --json resolve "$@"
  ./mp -C "$project" --cache-dir "$cache" --json resolve "$@" >"$OUT/$workload-resolution.json"
  echo "  $workload: $(grep -c '"requested": true' "$OUT/$workload-resolution.json") requested, $(grep -c '"sourceKind"' "$OUT/$workload-resolution.json") resolved, $(wc -c <"$OUT/$workload-resolution.json") bytes of JSON"
done
