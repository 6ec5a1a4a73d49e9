#!/usr/bin/env sh
# Times `mp resolve` (whole process, the real jar) of N signed plugins from a local signed index, to
# measure what signature verification costs: the same index without keys (no verification), with
# keys and an empty memo (cold: N entry signatures verified, plus the index signature), and with keys
# and the memo filled by the previous run (warm: nothing verified again).
# Usage: bench/verify-signatures.sh [N] [RUNS]   (default: 2000 3). Prints wall time and peak memory.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
JAR="$ROOT/target/mp.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
N=${1:-2000}
RUNS=${2:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export MP_CACHE_DIR="$WORK/cache" MP_STATE_DIR="$WORK/state"
mp() { "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" -C "$WORK/project" "$@"; }

mkdir -p "$WORK/project/registry" "$WORK/project/.claude"
mp registry keygen bench.key >/dev/null 2>&1
awk -v n="$N" 'BEGIN {
  printf "{\n  \"version\": 1,\n  \"plugins\": {\n"
  for (i = 0; i < n; i++) {
    printf "    \"plugin-%06d\": {\"name\": \"plugin-%06d\", \"version\": \"1.0.%d\", \"description\": \"Synthetic plugin %d\", ", i, i, i % 100, i
    printf "\"integrity\": \"sha512-%064d%022d==\", \"resolved\": \"packages/plugin-%06d.tgz\", \"dependencies\": []}%s\n", i, 0, i, (i + 1 < n ? "," : "")
  }
  printf "  }\n}\n"
}' > "$WORK/project/registry/index.json"
mp -q registry sign registry/index.json --key bench.key --expires 30d >/dev/null
KEY=$(cat "$WORK/project/bench.key.pub")
NAMES=$(awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "plugin-%06d ", i }')
config() {
  printf '{"registries": [{"name": "team", "url": "./registry/index.json", "priority": 50%s}]}\n' "$1" \
    > "$WORK/project/.claude/registries.json"
}
run() {
  label=$1
  shift
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    "$@"
    # shellcheck disable=SC2086
    /usr/bin/time -o "$WORK/time" -f '%e s %M KB' "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" \
      -C "$WORK/project" -q resolve $NAMES > "$WORK/out" 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
    printf '%-28s %s  (%s verified)\n' "$label" "$(cat "$WORK/time")" "$(grep -c ' verified ' "$WORK/out" || true)"
    i=$((i + 1))
  done
}
nothing() { :; }
cold() { rm -rf "$WORK/cache/signatures-v1"; }

echo "mp resolve of $N plugins ($(wc -c < "$WORK/project/registry/index.json") byte signed index)"
config ""
mp -q registry sync >/dev/null
run "no keys (claimed)" nothing
config ", \"keys\": [\"$KEY\"], \"requireSignedIndex\": true"
run "keys, cold memo" cold
run "keys, warm memo" nothing
ls -l "$WORK/cache/signatures-v1/verified" | awk '{print "memo file: " $5 " bytes"}'
