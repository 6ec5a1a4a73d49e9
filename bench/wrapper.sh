#!/usr/bin/env sh
# The wrapper's start-up cost: `mpw registry list` after its first run (jar cached, class-data archive
# made) against `./mp registry list`, in the same run, alternating one of each RUNS times (default 21),
# whole process, wall time from `date +%s%N`. Target: mpw within 10 % of ./mp.
#
# The wrapper is pinned (with `mp wrapper`) to the jar `./mp` runs, served from a file:// Maven
# repository under bench/out/wrapper/, so both start the same bytes with the same flags: what is
# measured is the two launch scripts. Usage: bench/wrapper.sh [RUNS]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
RUNS=${1:-21}
OUT=$ROOT/bench/out/wrapper
rm -rf "$OUT"
mkdir -p "$OUT/repo/dev/mp/mp/0.1.0" "$OUT/project" "$OUT/cache"
./mp --version >/dev/null
cp target/mp.jar "$OUT/repo/dev/mp/mp/0.1.0/mp-0.1.0.jar"
SHA=$(sha256sum target/mp.jar | cut -d' ' -f1)
./mp -q -C "$OUT/project" wrapper --version 0.1.0 --sha256 "$SHA" --repository-url "file://$OUT/repo"
export MP_CACHE_DIR="$OUT/cache"
"$OUT/project/mpw" --version >/dev/null 2>&1 # first run: download, verify, class-data archive

PROJECT=$OUT/project
REGISTRIES=""
if [ -d bench/out/resolve/cache-large ]; then
  PROJECT=bench/out/resolve/large/project
  REGISTRIES="--cache-dir bench/out/resolve/cache-large"
fi
: >"$OUT/times"
i=0
while [ "$i" -lt "$RUNS" ]; do
  for launcher in ./mp "$OUT/project/mpw"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    "$launcher" -C "$PROJECT" $REGISTRIES registry list >/dev/null 2>&1
    end=$(date +%s%N)
    echo "${launcher##*/} $(( (end - start) / 1000 ))" >>"$OUT/times"
  done
  i=$((i + 1))
done
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
awk -v load="$load" '
  { t[$1, ++n[$1]] = $2 / 1e6 }
  END {
    for (k in n) {
      m = n[k]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (t[k, j] < t[k, i]) { x = t[k, i]; t[k, i] = t[k, j]; t[k, j] = x }
      med[k] = t[k, int((m + 1) / 2)]
      printf "%-28s %7.3f s wall (median of %d, %.3f-%.3f)\n", k " registry list", med[k], m, t[k, 1], t[k, m]
    }
    printf "ratio: mpw / ./mp = %.3f (target: at most 1.10); load %s\n", med["mpw"] / med["mp"], load
  }' "$OUT/times"
