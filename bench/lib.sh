# Shared helpers of the benchmark scripts (sourced, not run). POSIX sh.
#
# measure LABEL RUNS COMMAND...   runs COMMAND RUNS times (stdout and stderr dropped) under
#   /usr/bin/time and prints one line: the median wall time, the median CPU time (user + system,
#   which a busy machine disturbs less than wall time), the highest peak RSS, the exit code of the
#   last run and the 1-minute load average when it finished. Set SETUP to a shell command to run
#   before each run (not timed).

measure() {
  label=$1
  runs=$2
  shift 2
  times=$(mktemp)
  i=0
  code=0
  while [ "$i" -lt "$runs" ]; do
    if [ -n "${SETUP:-}" ]; then sh -c "$SETUP"; fi
    code=0
    /usr/bin/time -q -a -o "$times" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || code=$?
    i=$((i + 1))
  done
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  awk -v label="$label" -v code="$code" -v load="$load" '
    { wall[NR] = $1; cpu[NR] = $2 + $3; if ($4 > rss) rss = $4 }
    END {
      n = NR
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
        if (wall[j] < wall[i]) { t = wall[i]; wall[i] = wall[j]; wall[j] = t }
        if (cpu[j] < cpu[i]) { t = cpu[i]; cpu[i] = cpu[j]; cpu[j] = t }
      }
      m = int((n + 1) / 2)
      printf "%-34s %7.2f s wall %7.2f s cpu %7d MB peak RSS  exit %s  load %s  (%d runs, wall %.2f-%.2f)\n",
        label, wall[m], cpu[m], rss / 1024, code, load, n, wall[1], wall[n]
    }' "$times"
  rm -f "$times"
}
