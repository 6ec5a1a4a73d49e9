#!/usr/bin/env sh
# Fault injection against the real launcher (./mp): kill -9 at random points of install, lock
# install, uninstall and registry sync (plus, for the first three, right after staging and right
# after the commit point, held there by the installer's MP_TEST_PAUSE hook); 8 concurrent mp
# processes on one project and one cache; a full disk (a small tmpfs, mounted by the script: needs
# root or CAP_SYS_ADMIN); read-only folders
# (read-only bind mounts, for the same reason: root ignores file permissions); a loopback registry
# that drops the connection mid-body, answers 500 or 429 with Retry-After, or hangs. Every case
# checks that the project and the cache hold the state before the command or after it (never a
# mix), that the next command works and that every failure is a clear error. Not run by CI: it takes
# several minutes and mounts file systems. Data and logs go to bench/out/faults/.
#
# Usage: bench/faults.sh [--kills N] [--seconds S] [--seed SEED] [--only kill,concurrent,disk,readonly,http]
#   --kills    kill points per command (default 20)
#   --seconds  length of the concurrent run (default 60)
#   --seed     replays the random kill points and operations of an earlier run (printed first)
# Prints a summary with the figures; exits 1 when a check failed.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
"$ROOT/mp" --version >/dev/null
exec python3 "$ROOT/bench/faults/faults.py" "$@"
