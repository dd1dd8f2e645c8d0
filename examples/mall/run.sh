#!/usr/bin/env bash
# Runs the whole mall in one process (embedded mode: H2, in-process cache, limiters and queue,
# loopback gRPC). Needs only a JDK (17+) and Maven. Ctrl-C stops it.
#
#   examples/mall/run.sh            # builds examples/mall/target/mall.jar when missing or stale
#   examples/mall/run.sh --rebuild  # always rebuilds first
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$here/target/mall.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  # Any source, resource, proto or pom of the reactor newer than the jar.
  [ -n "$(find "$root" -path "$root/.git" -prune -o \
    \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -type f -print -quit)" ]
}

if [ "${1:-}" = --rebuild ] || stale; then
  echo "==> building $jar (mvn -q -pl examples/mall -am package -DskipTests)"
  (cd "$root" && mvn -q -pl examples/mall -am package -DskipTests)
fi

echo "==> java -jar $jar embedded"
exec java -jar "$jar" embedded
