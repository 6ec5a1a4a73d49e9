#!/usr/bin/env sh
# bench/lock: `mp lock check` over 1,000 installed plugins of 20 files against sha256sum over the same
# files, the stat cache on a re-check, and `mp lock install` of 300 archives from a loopback HTTP
# registry with a cold and a warm package store. Needs python3; strace is used when present.
# Usage: bench/lock/run.sh [PLUGINS] [ARCHIVES]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
PLUGINS=${1:-1000}
ARCHIVES=${2:-300}
OUT="$ROOT/bench/out/lock"
MP="$ROOT/mp"
TIME="/usr/bin/time -f %e_s_%M_KB"
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
for i in 1 2 3; do
  printf 'sha256sum (xargs, run %s): ' "$i"
  $TIME sh -c "cd '$P/.claude/plugins' && find . -type f ! -name .mp-state.json ! -name marketplace.json -print0 | xargs -0 sha256sum >/dev/null" 2>&1
done
for i in 1 2 3; do
  rm -rf "$OUT/cache-check/stat-v1"
  printf 'mp lock check, no stat cache (run %s): ' "$i"
  MP_CACHE_DIR="$OUT/cache-check" $TIME "$MP" -C "$P" --json lock check 2>&1 >"$OUT/check-cold.json" | tail -1
done
grep -E '"(clean|hashedFiles|cachedFiles)"' "$OUT/check-cold.json" | tr -d ' \n'; echo
for i in 1 2 3; do
  printf 'mp lock check, stat cache warm (run %s): ' "$i"
  MP_CACHE_DIR="$OUT/cache-check" $TIME "$MP" -C "$P" --json lock check 2>&1 >"$OUT/check-warm.json" | tail -1
done
grep -E '"(clean|hashedFiles|cachedFiles)"' "$OUT/check-warm.json" | tr -d ' \n'; echo
if command -v strace >/dev/null 2>&1; then
  MP_CACHE_DIR="$OUT/cache-check" strace -f -qq -e trace=openat -o "$OUT/strace.txt" "$MP" -C "$P" -q lock check
  # Folders are opened to list them; count opens of the plugin files themselves.
  OPENED=$(grep -v ENOENT "$OUT/strace.txt" | grep -c "$P/.claude/plugins/p[0-9]*/.*\.\(md\|json\)\"" || true)
  echo "re-check opened $OPENED plugin files (strace openat)"
fi

echo "== lock install: $ARCHIVES archives from a loopback HTTP registry"
A="$OUT/install"
mkdir -p "$A"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 "$ROOT/bench/lock/fixtures.py" archives "$A" "$ARCHIVES" 20 "http://127.0.0.1:$PORT"
(cd "$A/www" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 2>"$OUT/http.log" >/dev/null) &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1
printf 'cold package store: '
MP_CACHE_DIR="$OUT/cache-install" $TIME "$MP" -q -C "$A" lock install 2>&1 | tail -1
echo "downloads: $(grep -c 'GET /packages/' "$OUT/http.log")"
rm -rf "$A/.claude"
: >"$OUT/http.log"
printf 'warm package store (fresh install folder): '
MP_CACHE_DIR="$OUT/cache-install" $TIME "$MP" -q -C "$A" lock install 2>&1 | tail -1
echo "downloads: $(grep -c 'GET /packages/' "$OUT/http.log" || true)"
printf 'lock check after it: '
MP_CACHE_DIR="$OUT/cache-install" "$MP" -C "$A" --json lock check | grep -E '"clean"' | tr -d ' \n'; echo
