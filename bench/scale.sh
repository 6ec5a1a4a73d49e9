#!/usr/bin/env sh
# The scale workloads of the performance goals (DESIGN.md §9), whole process, with `java Hello` and
# `node -e 0` timed in the same run: the workloads are `../shared/bench/gen_scale.py`'s (the ones the
# original TypeScript engine was timed on):
#
#   S:  5 registries x  20,000 entries, 2,000 requested names
#   XL: 10 registries x 100,000 entries, 5,000 requested names
#
# For each workload: `registry sync` from the index files with an empty cache, `registry list`,
# `resolve` of 1 requested name and of all of them (as arguments), text and `--json`. Every case runs
# RUNS times and the cases alternate (one run of each case per round, so a machine whose speed drifts
# disturbs them alike); each line is the median wall time, the median CPU time (user + system), the
# highest peak RSS and the wall time's range. The load average is printed before and after.
#
# MP_BEFORE=LAUNCHER adds the same cases run by another launcher (an earlier build: a copy of its jar
# and `mpw` with a small script that sources `mpw` and calls `mpw_exec`), alternated with this one,
# so a before/after comparison is taken under the same load. Each launcher syncs into its own cache.
#
# Usage: bench/scale.sh [RUNS] [WORKLOADS]   (RUNS default 11; WORKLOADS default "S XL")
# Needs python3, node (skipped when absent), /usr/bin/time, about 400 MB of disk for XL.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
RUNS=${1:-11}
WORKLOADS=${2:-S XL}
OUT=bench/out/scale
GEN=${GEN_SCALE:-$ROOT/../shared/bench/gen_scale.py}
mkdir -p "$OUT/hello"

./mp --version >/dev/null
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$OUT/hello/Hello.java"
[ -f "$OUT/hello/Hello.class" ] || javac -d "$OUT/hello" "$OUT/hello/Hello.java"

for w in $WORKLOADS; do
  case $w in
    S) args="5 20000 2000" ;;
    XL) args="10 100000 5000" ;;
    *) echo "unknown workload $w (S or XL)" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  [ -f "$OUT/$w/requested.txt" ] || python3 "$GEN" "$OUT/$w" $args >&2
done

# Cases: case_label_N, case_setup_N (a shell command run untimed before each run) and case_cmd_N (the
# command, word-split after expansion, so `$(cat FILE)` becomes arguments).
n=0
add_case() {
  n=$((n + 1))
  eval "case_label_$n=\$1 case_setup_$n=\$2 case_cmd_$n=\$3"
}

launchers="after=./mp"
[ -n "${MP_BEFORE:-}" ] && launchers="before=$MP_BEFORE $launchers"

add_case "java Hello" "" "java -cp $OUT/hello Hello"
command -v node >/dev/null 2>&1 && add_case "node -e 0" "" "node -e 0"
for w in $WORKLOADS; do
  project="$OUT/$w"
  for l in $launchers; do
    tag=${l%%=*}
    mp=${l#*=}
    cache="$OUT/cache-$tag-$w"
    # Sync once now, so the other cases find the cache filled.
    rm -rf "$cache"
    "$mp" -C "$project" --cache-dir "$cache" registry sync >/dev/null 2>&1
    add_case "$w registry sync ($tag)" "rm -rf '$cache.sync'" "$mp -C $project --cache-dir $cache.sync registry sync"
    add_case "$w registry list ($tag)" "" "$mp -C $project --cache-dir $cache registry list"
    add_case "$w resolve 1 name ($tag)" "" "$mp -C $project --cache-dir $cache resolve \$(head -n 1 $project/requested.txt)"
    add_case "$w resolve all, text ($tag)" "" "$mp -C $project --cache-dir $cache resolve \$(cat $project/requested.txt)"
    add_case "$w resolve all, --json ($tag)" "" "$mp -C $project --cache-dir $cache --json resolve \$(cat $project/requested.txt)"
  done
done

results=$(mktemp)
usage=$(mktemp)
trap 'rm -f "$results" "$usage"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
round=1
while [ "$round" -le "$RUNS" ]; do
  i=1
  while [ "$i" -le "$n" ]; do
    eval "setup=\$case_setup_$i cmd=\$case_cmd_$i"
    [ -n "$setup" ] && sh -c "$setup"
    eval "set -- $cmd"
    start=$(date +%s%N)
    code=0
    /usr/bin/time -q -o "$usage" -f '%U %S %M' "$@" >/dev/null 2>&1 || code=$?
    end=$(date +%s%N)
    echo "$i $(( (end - start) / 1000 )) $(cat "$usage") $code" >>"$results"
    i=$((i + 1))
  done
  round=$((round + 1))
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

i=1
while [ "$i" -le "$n" ]; do
  eval "label=\$case_label_$i"
  awk -v id="$i" -v label="$label" '
    $1 == id { k++; wall[k] = $2 / 1e6; cpu[k] = $3 + $4; if ($5 > rss) rss = $5; code = $6 }
    END {
      for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) {
        if (wall[b] < wall[a]) { t = wall[a]; wall[a] = wall[b]; wall[b] = t }
        if (cpu[b] < cpu[a]) { t = cpu[a]; cpu[a] = cpu[b]; cpu[b] = t }
      }
      m = int((k + 1) / 2)
      printf "%-34s %7.3f s wall %6.3f s cpu %5d MiB peak  exit %s  (%d runs, wall %.3f-%.3f)\n",
        label, wall[m], cpu[m], rss / 1024, code, k, wall[1], wall[k]
    }' "$results"
  i=$((i + 1))
done
