# Shared helpers of the benchmark scripts (sourced, not run). POSIX sh with GNU date and time.
#
# measure LABEL RUNS COMMAND...   runs COMMAND RUNS times (stdout and stderr dropped) and prints one
#   line: the median wall time (from `date +%s%N` around the run, to the millisecond), the median
#   CPU time (user + system, from /usr/bin/time; a busy machine disturbs it less than wall time),
#   the highest peak RSS, the exit code of the last run and the 1-minute load average when it
#   finished. Set SETUP to a shell command to run before each run (not timed).

measure() {
  label=$1
  runs=$2
  shift 2
  times=$(mktemp)
  usage=$(mktemp)
  i=0
  code=0
  while [ "$i" -lt "$runs" ]; do
    if [ -n "${SETUP:-}" ]; then sh -c "$SETUP"; fi
    code=0
    start=$(date +%s%N)
    /usr/bin/time -q -o "$usage" -f '%U %S %M' "$@" >/dev/null 2>&1 || code=$?
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(cat "$usage")" >>"$times"
    i=$((i + 1))
  done
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  awk -v label="$label" -v code="$code" -v load="$load" '
    { wall[NR] = $1 / 1e6; cpu[NR] = $2 + $3; if ($4 > rss) rss = $4 }
    END {
      n = NR
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
        if (wall[j] < wall[i]) { t = wall[i]; wall[i] = wall[j]; wall[j] = t }
        if (cpu[j] < cpu[i]) { t = cpu[i]; cpu[i] = cpu[j]; cpu[j] = t }
      }
      m = int((n + 1) / 2)
      printf "%-34s %7.3f s wall %6.2f s cpu %6d MB peak RSS  exit %s  load %s  (%d runs, wall %.3f-%.3f)\n",
        label, wall[m], cpu[m], rss / 1024, code, load, n, wall[1], wall[n]
    }' "$times"
  rm -f "$times" "$usage"
}
