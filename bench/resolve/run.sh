#!/usr/bin/env sh
# Resolver benchmark: times RegistryResolver.resolve over synthetic federations held in memory
# (5 x 20,000 entries resolving 2,000 plugins; 10 x 100,000 resolving 5,000). See
# src/test/java/dev/mp/bench/ResolveBench.java for the data. Each workload runs in a fresh JVM
# with the ./mp launcher's flags (serial GC, C1 only), so the "cold" figure is what one `mp resolve`
# process pays for resolution; wall time and peak memory of the whole process come from time(1).
#
# Then the same with a hashed index (what a hashed cache would answer like) and with --explain.
#
# Usage: bench/resolve/run.sh [WARM_RUNS]
set -eu
cd "$(dirname "$0")/../.."
./mvnw -q -B -DskipTests package test-compile >&2
CP="target/mp.jar:target/test-classes"
WARM="${1:-5}"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:InitialRAMPercentage=3.125 -XX:NewRatio=1 -Xss2m -XX:-UsePerfData"
for workload in small large; do
  /usr/bin/time -f "  process: %e s wall, %M KB peak RSS" java $FLAGS -Xmx6g -cp "$CP" dev.mp.bench.ResolveBench "$workload" "$WARM"
done
for workload in small large; do
  /usr/bin/time -f "  process: %e s wall, %M KB peak RSS" java $FLAGS -Xmx6g -cp "$CP" dev.mp.bench.ResolveBench "$workload" "$WARM" hash
done
/usr/bin/time -f "  process: %e s wall, %M KB peak RSS" java $FLAGS -Xmx6g -cp "$CP" dev.mp.bench.ResolveBench small "$WARM" explain
