#!/usr/bin/env sh
# bench/lock: `mp lock check` over 1,000 installed plugins of 20 files against sha256sum over the same
# files, the stat cache on a re-check, `mp policy enforce` (which scans the same files for hidden text)
# with and without its scan cache, and `mp lock install` of 300 archives from a loopback HTTP
# registry with a cold and a warm package store. Needs python3; strace is used when present.
# Medians of RUNS runs (default 5) with CPU time, peak RSS and the load average (bench/lib.sh).
# Usage: bench/lock/run.sh [PLUGINS] [ARCHIVES] [RUNS]   (MP=LAUNCHER times another launcher, e.g. an earlier build)
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
. "$ROOT/bench/lib.sh"
PLUGINS=${1:-1000}
ARCHIVES=${2:-300}
RUNS=${3:-5}
OUT="$ROOT/bench/out/lock"
MP=${MP:-$ROOT/mp}
rm -rf "$OUT" && mkdir -p "$OUT"
"$MP" --version >/dev/null

echo "== lock check: $PLUGINS plugins x 20 files"
P="$OUT/check"
mkdir -p "$P"
python3 "$ROOT/bench/lock/fixtures.py" folders "$P" "$PLUGINS" 20
MP_CACHE_DIR="$OUT/cache-check" "$MP" -q -C "$P" lock install
FILES=$(find "$P/.claude/plugins" -type f ! -name '.mp-state.json' ! -name marketplace.json | wc -l)
BYTES=$(du -sb "$P/.claude/plugins" | cut -f1)
echo "installed files: $FILES ($BYTES bytes)"
sleep 3 # let the files age past the stat cache's racy window
export MP_CACHE_DIR="$OUT/cache-check"
measure "sha256sum (find | xargs)" "$RUNS" sh -c "cd '$P/.claude/plugins' && find . -type f ! -name .mp-state.json ! -name marketplace.json -print0 | xargs -0 sha256sum"
SETUP="rm -rf '$OUT/cache-check/stat-v1'" measure "mp lock check, no stat cache" "$RUNS" "$MP" -C "$P" lock check
"$MP" -C "$P" --json lock check >"$OUT/check-cold.json" || true
"$MP" -C "$P" --json lock check >"$OUT/check-warm.json" || true
measure "mp lock check, stat cache warm" "$RUNS" "$MP" -C "$P" lock check
# policy enforce reads every installed file for hidden text (random bytes: the scan's worst case).
SETUP="rm -rf '$OUT/cache-check/scan-v1'" measure "mp policy enforce, no scan cache" "$RUNS" "$MP" -C "$P" policy enforce
"$MP" -C "$P" policy enforce >/dev/null 2>&1 || true
measure "mp policy enforce, scan cache warm" "$RUNS" "$MP" -C "$P" policy enforce
echo "  last cold check: $(grep -E '"(clean|hashedFiles|cachedFiles)"' "$OUT/check-cold.json" | tr -d ' \n')"
echo "  last warm check: $(grep -E '"(clean|hashedFiles|cachedFiles)"' "$OUT/check-warm.json" | tr -d ' \n')"
mkdir -p "$OUT/empty"
printf '{"lockVersion": 2, "plugins": {}, "registries": {}, "requested": {}}\n' >"$OUT/empty/plugin-lock.json"
measure "mp lock check, empty lockfile" "$RUNS" "$MP" -C "$OUT/empty" lock check
if command -v strace >/dev/null 2>&1; then
  strace -f -qq -e trace=openat -o "$OUT/strace.txt" "$MP" -C "$P" -q lock check
  # Folders are opened to list them; count opens of the plugin files themselves.
  OPENED=$(grep -v ENOENT "$OUT/strace.txt" | grep -c "$P/.claude/plugins/p[0-9]*/.*\.\(md\|json\)\"" || true)
  echo "  re-check opened $OPENED plugin files (strace openat)"
fi
unset MP_CACHE_DIR

echo "== lock install: $ARCHIVES archives from a loopback HTTP registry"
A="$OUT/install"
mkdir -p "$A"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 "$ROOT/bench/lock/fixtures.py" archives "$A" "$ARCHIVES" 20 "http://127.0.0.1:$PORT"
(cd "$A/www" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 2>"$OUT/http.log" >/dev/null) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1
export MP_CACHE_DIR="$OUT/cache-install"
SETUP="rm -rf '$OUT/cache-install' '$A/.claude'; : >'$OUT/http.log'" \
  measure "lock install, cold package store" "$RUNS" "$MP" -q -C "$A" lock install
echo "  downloads in the last run: $(grep -c 'GET /packages/' "$OUT/http.log" || true)"
SETUP="rm -rf '$A/.claude'; : >'$OUT/http.log'" \
  measure "lock install, warm package store" "$RUNS" "$MP" -q -C "$A" lock install
echo "  downloads in the last run: $(grep -c 'GET /packages/' "$OUT/http.log" || true)"
echo "  lock check after it: $("$MP" -C "$A" --json lock check | grep -E '"clean"' | tr -d ' \n')"
