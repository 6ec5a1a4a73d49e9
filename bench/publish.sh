#!/usr/bin/env sh
# bench/publish: `mp registry build` of PLUGINS plugin folders (20 files each, bench/lock/fixtures.py)
# into a fresh registry, then adding one new version to that registry of PLUGINS — unsigned, signed
# (`--key`: every entry and release signed again, as `registry sign` does) and with a Claude Code
# marketplace (zip archives). Adding one version must not pack or hash the other plugins: strace
# counts the files opened under the plugin folders and the registry's packages. Medians of RUNS runs
# with CPU time and peak RSS (bench/lib.sh). Needs python3; strace is used when present.
# Usage: bench/publish.sh [PLUGINS] [RUNS]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
PLUGINS=${1:-1000}
RUNS=${2:-3}
OUT="$ROOT/bench/out/publish"
MP="$ROOT/mp"
rm -rf "$OUT" && mkdir -p "$OUT"
"$MP" --version >/dev/null
export MP_CACHE_DIR="$OUT/cache"

P="$OUT/project"
python3 "$ROOT/bench/lock/fixtures.py" folders "$P" "$PLUGINS" 20
rm -f "$P/plugin-lock.json"
mkdir -p "$P/.claude" && printf '{"registries": []}\n' >"$P/.claude/registries.json"
FILES=$(find "$P/plugins" -type f | wc -l)
BYTES=$(du -sb "$P/plugins" | cut -f1)
echo "== $PLUGINS plugin folders, $FILES files ($BYTES bytes)"
"$MP" -C "$P" -q registry keygen bench.key

# The new release: the first plugin with a new version.
NEW="$P/new/p0000"
mkdir -p "$P/new" && cp -r "$P/plugins/p0000" "$NEW"
sed -i 's/"version": "[^"]*"/"version": "2.0.0"/' "$NEW/.claude-plugin/plugin.json"

# `plugins/*` is expanded by a shell in the project folder; measure takes one command.
SETUP="rm -rf '$P/site'" measure "build $PLUGINS into a fresh registry" "$RUNS" \
  sh -c "cd '$P' && exec '$MP' -q registry build plugins/* --out site"
echo "  registry: $(ls "$P/site/packages" | wc -l) packages, index $(wc -c <"$P/site/index.json") bytes"

rm -rf "$P/pristine" && cp -a "$P/site" "$P/pristine"
SETUP="rm -rf '$P/site' && cp -a '$P/pristine' '$P/site'" measure "add 1 version to $PLUGINS" "$RUNS" \
  "$MP" -C "$P" -q registry build new/p0000 --out site

(cd "$P" && rm -rf signed && "$MP" -q registry build plugins/* --out signed --key bench.key --expires 30d >/dev/null)
rm -rf "$P/pristine-signed" && cp -a "$P/signed" "$P/pristine-signed"
SETUP="rm -rf '$P/signed' && cp -a '$P/pristine-signed' '$P/signed'" measure "add 1 version to $PLUGINS, --key" "$RUNS" \
  "$MP" -C "$P" -q registry build new/p0000 --out signed --key bench.key --expires 30d

(cd "$P" && rm -rf market && "$MP" -q registry build plugins/* --out market --base-url https://plugins.example.dev/ \
  --marketplace bench >/dev/null)
rm -rf "$P/pristine-market" && cp -a "$P/market" "$P/pristine-market"
SETUP="rm -rf '$P/market' && cp -a '$P/pristine-market' '$P/market'" \
  measure "add 1 version to $PLUGINS, --marketplace" "$RUNS" \
  "$MP" -C "$P" -q registry build new/p0000 --out market --base-url https://plugins.example.dev/ --marketplace bench

if command -v strace >/dev/null 2>&1; then
  for case in "site" "signed --key bench.key" "market --base-url https://plugins.example.dev/ --marketplace bench"; do
    dir=${case%% *}
    rm -rf "$P/$dir" && cp -a "$P/pristine$( [ "$dir" = site ] && echo '' || echo "-$dir")" "$P/$dir"
    # shellcheck disable=SC2086
    strace -f -qq -e trace=openat -o "$OUT/strace-$dir.txt" "$MP" -C "$P" -q registry build new/p0000 --out $case >/dev/null
    OK=$(grep -v ENOENT "$OUT/strace-$dir.txt")
    PLUGIN_FILES=$(echo "$OK" | grep -c "\"$P/plugins/p[0-9]*/[^\"]*\"" || true)
    NEW_FILES=$(echo "$OK" | grep -c "\"$P/new/p0000/[^\"]*\"" || true)
    PACKAGES=$(echo "$OK" | grep "\"$P/$dir/packages/[^\"]*\"" | grep -vc "p0000-2.0.0" || true)
    echo "  add 1 version ($dir): opened $PLUGIN_FILES files of the $PLUGINS published plugin folders," \
      "$PACKAGES published packages, $NEW_FILES files of the new release (strace openat)"
  done
fi
