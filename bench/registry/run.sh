#!/usr/bin/env sh
# Registry benchmark (DESIGN.md §9): parallel HTTP sync, sync of big local indexes against a plain
# parse, and lookups by name after a sync. Whole-process runs of the real jar; wall time and peak RSS
# from /usr/bin/time. Data is generated under bench/out/registry/ (git-ignored). See bench/README.md.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
cd "$ROOT"
OUT=bench/out/registry
RUNS=${RUNS:-3}
DELAY_MS=${DELAY_MS:-300}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The bench programs live in the test tree; class-data sharing needs them in a jar.
CP=target/mp.jar:$OUT/bench.jar
# The ./mp launcher's JVM flags, so library-level runs start like the real command.
JFLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:InitialRAMPercentage=3.125 -XX:NewRatio=1 -Xss2m -XX:-UsePerfData"

./mvnw -q -B -DskipTests package
# Packaging rewrites the jar, and an archive made for an older jar is silently ignored by the JVM:
# make it again so mp runs as it does after `./mp` built it.
rm -f target/mp.jsa
./mp --version >/dev/null
mkdir -p "$OUT"
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" cf "$OUT/bench.jar" -C target/test-classes dev/mp/registry/bench
LOG="$OUT/times.log"
: >"$LOG"

gen() { # DIR COUNT ENTRIES LOOKUPS
  [ -f "$OUT/$1/names-$4.txt" ] || "$JAVA" -cp "$CP" dev.mp.registry.bench.IndexGenerator "$OUT/$1" "$2" "$3" "$4"
}
gen small 5 100 100
gen 5x20k 5 20000 2000
gen 10x100k 10 100000 5000

timed() { # LABEL COMMAND... (stdout and stderr of the command are dropped)
  label=$1
  shift
  /usr/bin/time -a -o "$LOG" -f "$label %e %M" "$@" >/dev/null 2>&1 || echo "warning: $label exited non-zero" >&2
}

repeat() { # LABEL SETUP COMMAND...: SETUP runs before each timed run
  label=$1
  setup=$2
  shift 2
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    sh -c "$setup"
    timed "$label" "$@"
    i=$((i + 1))
  done
}

http_project() { # NAME PORT DIR COUNT
  mkdir -p "$OUT/$1/.claude"
  {
    printf '{"registries": [\n'
    i=0
    while [ "$i" -lt "$4" ]; do
      [ "$i" -gt 0 ] && printf ',\n'
      printf '  {"name": "h%s", "url": "http://127.0.0.1:%s/%s/registry-%s.json"}' "$i" "$2" "$3" "$i"
      i=$((i + 1))
    done
    printf '\n]}\n'
  } >"$OUT/$1/.claude/registries.json"
}

# --- reference: a bare JVM and mp's start-up -----------------------------------------------------
mkdir -p "$OUT/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$OUT/hello/Hello.java"
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$OUT/hello" "$OUT/hello/Hello.java"
repeat "hello-world" true "$JAVA" $JFLAGS -cp "$OUT/hello" Hello
repeat "registry-list" true ./mp -C "$OUT/10x100k/project" --cache-dir "$OUT/cache-10x100k" registry list

# --- HTTP: registries that each answer after DELAY_MS ------------------------------------------------
"$JAVA" -cp "$CP" dev.mp.registry.bench.SlowRegistryServer "$OUT" "$DELAY_MS" >"$OUT/server.out" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
while ! grep -q '^port ' "$OUT/server.out" 2>/dev/null; do sleep 0.1; done
PORT=$(sed -n 's/^port //p' "$OUT/server.out")
http_project http-1 "$PORT" small 1
http_project http-5 "$PORT" small 5
http_project http-5x20k "$PORT" 5x20k 5
repeat "http-sync-1-registry" "rm -rf $OUT/cache-http" ./mp -C "$OUT/http-1" --cache-dir "$OUT/cache-http" registry sync
repeat "http-sync-5-registries" "rm -rf $OUT/cache-http" ./mp -C "$OUT/http-5" --cache-dir "$OUT/cache-http" registry sync
repeat "http-resync-5-unchanged-304" true ./mp -C "$OUT/http-5" --cache-dir "$OUT/cache-http" registry sync
repeat "http-sync-5x20k" "rm -rf $OUT/cache-http20k" ./mp -C "$OUT/http-5x20k" --cache-dir "$OUT/cache-http20k" registry sync
./mp -C "$OUT/http-5" --cache-dir "$OUT/cache-http" --json registry sync >"$OUT/http-resync.json" || true

# --- local: sync of 10 x 100,000 entries against one plain parse ------------------------------------
FILES=$(ls "$OUT"/10x100k/registry-*.json)
repeat "sync-10x100k" "rm -rf $OUT/cache-10x100k" ./mp -C "$OUT/10x100k/project" --cache-dir "$OUT/cache-10x100k" registry sync
# shellcheck disable=SC2086
repeat "plain-parse-tree-10x100k" true "$JAVA" $JFLAGS -cp "$CP" dev.mp.registry.bench.PlainParse tree $FILES
# shellcheck disable=SC2086
repeat "plain-parse-tree-10x100k-c2" true "$JAVA" -XX:+UseSerialGC -cp "$CP" dev.mp.registry.bench.PlainParse tree $FILES
# shellcheck disable=SC2086
repeat "plain-parse-tokens-10x100k" true "$JAVA" $JFLAGS -cp "$CP" dev.mp.registry.bench.PlainParse tokens $FILES

# --- lookups by name after a sync -------------------------------------------------------------------
./mp -C "$OUT/5x20k/project" --cache-dir "$OUT/cache-5x20k" registry sync >/dev/null 2>&1
# A class-data archive for the lookup driver, as the launcher has one for mp.
"$JAVA" $JFLAGS -XX:ArchiveClassesAtExit="$OUT/lookup.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$CP" \
  dev.mp.registry.bench.LookupBench "$OUT/5x20k/project" "$OUT/5x20k/names-2000.txt" "$OUT/cache-5x20k" >/dev/null
LOOKUP="$JAVA $JFLAGS -XX:SharedArchiveFile=$OUT/lookup.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -cp $CP dev.mp.registry.bench.LookupBench"
# shellcheck disable=SC2086
repeat "lookup-2000-in-5x20k" true $LOOKUP "$OUT/5x20k/project" "$OUT/5x20k/names-2000.txt" "$OUT/cache-5x20k"
# shellcheck disable=SC2086
repeat "lookup-100-in-5x20k" true $LOOKUP "$OUT/5x20k/project" "$OUT/small/names-100.txt" "$OUT/cache-5x20k"
# shellcheck disable=SC2086
repeat "lookup-5000-in-10x100k" true $LOOKUP "$OUT/10x100k/project" "$OUT/10x100k/names-5000.txt" "$OUT/cache-10x100k"
repeat "search-10x100k" true ./mp -C "$OUT/10x100k/project" --cache-dir "$OUT/cache-10x100k" search 'deploy-*-99999*'

# --- report ------------------------------------------------------------------------------------------
echo "data: $(du -sh "$OUT/5x20k" | cut -f1) (5 x 20,000), $(du -sh "$OUT/10x100k" | cut -f1) (10 x 100,000); cache of the latter: $(du -sh "$OUT/cache-10x100k" | cut -f1)"
echo "second HTTP sync: $(grep -c '"unchanged"' "$OUT/http-resync.json") of 5 registries answered 304"
printf '%-30s %10s %10s   %s\n' "case" "median s" "max RSS MB" "runs (s)"
awk '{ t[$1] = t[$1] " " $2; if ($3 > m[$1]) m[$1] = $3; n[$1]++ } END { for (k in t) print k, m[k], t[k] }' "$LOG" |
  sort | while read -r label rss times; do
    median=$(printf '%s\n' $times | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    printf '%-30s %10s %10d   %s\n' "$label" "$median" $((rss / 1024)) "$times"
  done
