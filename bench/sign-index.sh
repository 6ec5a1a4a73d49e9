#!/usr/bin/env sh
# Times `mp registry sign` (whole process, the real jar) over synthetic registry indexes of N plugin
# entries, one release each: N + 1 Ed25519 signatures plus parsing and writing the index.
# Usage: bench/sign-index.sh [N...]   (default: 1000 10000). Prints wall time and peak memory.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
JAR="$ROOT/target/mp.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mp() { "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" -C "$WORK" "$@"; }

mp registry keygen bench.key >/dev/null 2>&1
for N in ${*:-1000 10000}; do
  awk -v n="$N" 'BEGIN {
    printf "{\n  \"version\": 1,\n  \"updatedAt\": \"2026-01-01T00:00:00Z\",\n  \"plugins\": {\n"
    for (i = 0; i < n; i++) {
      printf "    \"plugin-%06d\": {\"name\": \"plugin-%06d\", \"version\": \"1.0.%d\", \"description\": \"Synthetic plugin %d\", ", i, i, i % 100, i
      printf "\"integrity\": \"sha512-%064d%022d==\", \"resolved\": \"packages/plugin-%06d.tgz\", \"dependencies\": []}%s\n", i, 0, i, (i + 1 < n ? "," : "")
    }
    printf "  }\n}\n"
  }' > "$WORK/index.json"
  SIZE=$(wc -c < "$WORK/index.json")
  printf 'sign %6d entries (%s bytes): ' "$N" "$SIZE"
  if ! /usr/bin/time -o "$WORK/time" -f '%e s %M KB' "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" \
      -C "$WORK" -q registry sign index.json --key bench.key; then
    echo "failed" >&2
    exit 1
  fi
  cat "$WORK/time"
  grep -c '"signature"' "$WORK/index.json" | sed 's/^/  signatures written: /'
done
