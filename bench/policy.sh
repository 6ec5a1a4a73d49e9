#!/usr/bin/env sh
# Benchmark of the policy commands, whole-process runs of the real launcher (./mp):
#   policy check  — one plugin against a 200-rule policy
#   policy enforce — N locked plugins (default 5000), all installed, in text, json and sarif
# Synthetic data is generated under bench/out/policy-N/. Prints wall time and peak memory per run
# (the run with the median wall time of 5, after one warm-up that also builds the jar and class-data
# archive), and its CPU time (user + system), which a busy machine disturbs less than wall time.
# Usage: bench/policy.sh [N]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
N=${1:-5000}
OUT="$ROOT/bench/out/policy-$N"
MP="$ROOT/mp"
rm -rf "$OUT"
mkdir -p "$OUT/.claude/policies" "$OUT/.claude/plugins"

cat > "$OUT/.claude/registries.json" <<'JSON'
{"registries": [
  {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
  {"name": "team", "url": "https://plugins.team.dev/index.json", "priority": 75, "policy": "enforce"},
  {"name": "public", "url": "https://x.dev/marketplace.json", "priority": 0, "policy": "allow-listed"}
]}
JSON

python3 - "$OUT" "$N" <<'PY'
import base64, hashlib, json, os, sys
out, n = sys.argv[1], int(sys.argv[2])
rules = ["rules:"]
for i in range(200):
    kind = i % 4
    if kind == 0:
        rules += [f"  - action: deny", f"    plugins: [\"*-bad{i}\", \"evil{i}-*\"]", f"    reason: \"bad name {i}\""]
    elif kind == 1:
        rules += [f"  - action: deny", f"    plugins: [\"p{i}?\"]", "    source: public", "    versions: \"<1.0.0\""]
    elif kind == 2:
        rules += [f"  - action: allow", f"    plugins: [\"p{i}\"]", "    unless: {trust_score: \">= 90\", signed: true}"]
    else:
        rules += [f"  - action: allow", f"    plugins: [\"team-{i}-*\"]", "    source: team"]
rules += ["  - action: allow", "    plugins: [\"*\"]", "    source: team", "  - action: require", "    plugins: [\"p1*\"]"]
open(os.path.join(out, ".claude/policies/plugins.yaml"), "w").write("\n".join(rules) + "\n")
sources = ["local", "team", "public"]
plugins = {}
for i in range(n):
    name = f"p{i}"
    digest = base64.b64encode(hashlib.sha512(name.encode()).digest()).decode()
    entry = {"dependencies": [], "integrity": "sha512-" + digest, "resolved": f"./plugins/{name}",
             "source": sources[i % 3], "version": f"{i % 3}.{i % 7}.0"}
    if i % 2 == 0:
        entry["signed"] = True
    if i % 5:
        entry["trustScore"] = i % 100
    plugins[name] = dict(sorted(entry.items()))
    os.makedirs(os.path.join(out, ".claude/plugins", name), exist_ok=True)
lock = {"lockVersion": 2, "plugins": plugins, "registries": {"local": "./plugins", "public": "https://x.dev/marketplace.json",
        "team": "https://plugins.team.dev/index.json"}, "requested": {}}
open(os.path.join(out, "plugin-lock.json"), "w").write(json.dumps(lock, indent=2, sort_keys=True) + "\n")
PY

"$MP" -C "$OUT" policy list >/dev/null 2>&1 || true

measure() {
  label=$1; shift
  for i in 1 2 3 4 5; do
    /usr/bin/time -q -a -o "$OUT/time.$$" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
  done
  sort -n "$OUT/time.$$" | awk -v label="$label" 'NR==3 {printf "%-34s %6.2f s wall %6.2f s cpu %8d KB\n", label, $1, $2 + $3, $4}'
  rm -f "$OUT/time.$$"
}

echo "policy benchmark: $N locked and installed plugins, 202 rules"
measure "java hello (mp --version)" "$MP" --version
measure "policy list" "$MP" -C "$OUT" policy list
measure "policy check (200 rules)" "$MP" -C "$OUT" policy check p150 --source public --version 1.2.0 --trust-score 95 --signed
measure "policy enforce (text)" "$MP" -C "$OUT" policy enforce
measure "policy enforce --format json" "$MP" -C "$OUT" policy enforce --format json
measure "policy enforce --format sarif" "$MP" -C "$OUT" policy enforce --format sarif
