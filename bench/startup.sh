#!/usr/bin/env sh
# Start-up (DESIGN.md §9): `mp registry list` against 4x a bare Java "hello world" on the same JDK
# (`java -cp . Hello`, no flags), whole process, medians of RUNS runs (default 11; bench/lib.sh).
# Also times a few other quick commands, for scale. The project is a synthetic one with 10 synced
# registries (bench/resolve/whole-process.sh's large federation when present, else the built-in
# defaults).
# Usage: bench/startup.sh [RUNS]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
. bench/lib.sh
RUNS=${1:-11}
OUT=bench/out/startup
mkdir -p "$OUT/hello" "$OUT/project"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$OUT/hello/Hello.java"
javac -d "$OUT/hello" "$OUT/hello/Hello.java"
./mp --version >/dev/null
PROJECT="$OUT/project"
CACHE="$OUT/cache"
if [ -d bench/out/resolve/cache-large ]; then
  PROJECT=bench/out/resolve/large/project
  CACHE=bench/out/resolve/cache-large
fi
hello=$(measure "java -cp . Hello" "$RUNS" java -cp "$OUT/hello" Hello)
list=$(measure "mp registry list" "$RUNS" ./mp -C "$PROJECT" --cache-dir "$CACHE" registry list)
echo "$hello"
echo "$list"
echo "$hello" "$list" | awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "s" && $(i + 2) == "wall") w[++n] = $i }
  END { printf "ratio: mp registry list / hello = %.1f (budget: 4)\n", w[2] / w[1] }'
measure "mp --version" "$RUNS" ./mp --version
measure "mp --help" "$RUNS" ./mp --help
measure "mp policy list" "$RUNS" ./mp -C "$PROJECT" --cache-dir "$CACHE" policy list
