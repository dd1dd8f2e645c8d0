#!/usr/bin/env bash
# The one test command: makes sure the services the integration tests need are installed and
# running, then runs every unit test (Surefire, *Test) and integration test (Failsafe, *IT).
#
#   scripts/test.sh              # everything
#   scripts/test.sh -pl zero-core # extra arguments go to Maven
#
# Redis (127.0.0.1:6379), MariaDB (127.0.0.1:3306, root, empty password, database test) and
# PostgreSQL (127.0.0.1:5432, database test) must be running: this script starts them when they are
# installed and stopped, and installs Debian's packages when they are missing and it runs as root.
# etcd, a private redis-server, Redis Cluster nodes and the Kafka broker are started by the tests
# themselves on free ports (zero-testing), so only their binaries / Maven artifacts must exist.
#
# Safe to run twice in a row. A service it cannot bring up fails the run, naming the service.
set -euo pipefail

cd "$(dirname "$0")/.."
export CI="${CI:-false}"

# Modules whose blocking work runs on virtual threads when the JVM is 21+: their unit tests run
# a second time on a JDK 21+ when one is installed.
VTHREAD_MODULES="zero-core,zero-rest,zero-queue"

log() { printf '\n==> %s\n' "$*"; }
die() { printf '\nscripts/test.sh: %s\n' "$*" >&2; exit 1; }

apt_updated=false
apt_install() {
  [ "$(id -u)" -eq 0 ] || die "$1 is missing and this is not root: install Debian package(s) ${*:2}"
  if [ "$apt_updated" = false ]; then
    apt-get update -qq >/dev/null || die "apt-get update failed while installing ${*:2}"
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${@:2}" >/dev/null \
    || die "could not install ${*:2} for $1"
}

wait_for() { # description, attempts, command...
  local what=$1 attempts=$2
  shift 2
  for _ in $(seq "$attempts"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  die "$what did not come up"
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
    echo "redis: running on 127.0.0.1:6379"
    return
  fi
  command -v redis-server >/dev/null || apt_install redis redis-server redis-tools
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log \
    || die "redis-server would not start (see /var/log/redis/ci.log)"
  wait_for "Redis on 127.0.0.1:6379" 40 sh -c 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
  echo "redis: started on 127.0.0.1:6379"
}

mariadb_tcp_ok() { mariadb -h 127.0.0.1 -P 3306 -uroot --password= -e 'SELECT 1' test; }

ensure_mariadb() {
  command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || apt_install mariadb mariadb-server mariadb-client
  if ! mariadb-admin ping >/dev/null 2>&1; then
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd \
      || die "mariadbd would not start"
    wait_for "MariaDB" 60 mariadb-admin ping
    echo "mariadb: started"
  else
    echo "mariadb: running"
  fi
  if ! mariadb_tcp_ok >/dev/null 2>&1; then
    # A fresh Debian install lets root in through the unix socket only: allow TCP with an empty
    # password for the tests, and create the test database.
    mariadb -uroot <<'SQL' || die "cannot configure MariaDB for the tests (root over TCP, database test)"
CREATE DATABASE IF NOT EXISTS test;
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
FLUSH PRIVILEGES;
SQL
  fi
  mariadb_tcp_ok >/dev/null 2>&1 || die "MariaDB does not accept root with an empty password on 127.0.0.1:3306 database test"
  echo "mariadb: root@127.0.0.1:3306/test ok"
}

postgres_ok() { psql -h 127.0.0.1 -U postgres -d test -c 'SELECT 1'; }

ensure_postgres() {
  if postgres_ok >/dev/null 2>&1; then
    echo "postgresql: running on 127.0.0.1:5432"
    return
  fi
  if [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    apt_install postgresql postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  wait_for "PostgreSQL" 60 sh -c 'pg_isready -h 127.0.0.1 -p 5432'
  if ! postgres_ok >/dev/null 2>&1; then
    # Fresh install: trust local TCP connections for the tests and create the test database.
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
      pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    fi
    su postgres -c "psql -tc \"SELECT 1 FROM pg_database WHERE datname='test'\" | grep -q 1 || createdb test" \
      || die "cannot create the PostgreSQL database test"
  fi
  postgres_ok >/dev/null 2>&1 || die "PostgreSQL does not accept user postgres on 127.0.0.1:5432 database test"
  echo "postgresql: postgres@127.0.0.1:5432/test ok"
}

ensure_binaries() {
  command -v etcd >/dev/null || apt_install etcd etcd-server etcd-client
  command -v redis-cli >/dev/null || apt_install redis-cli redis-tools
  command -v kcat >/dev/null || apt_install kcat kcat
  command -v mvn >/dev/null || apt_install maven maven
  echo "binaries: etcd $(etcd --version | head -1 | awk '{print $3}'), kcat, redis-cli, $(mvn -v | head -1)"
}

# A JDK 21+ beside the default one: the virtual-thread paths are tested on it too.
find_jdk21() {
  local candidate
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    local feature
    feature=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ -n "$feature" ] && [ "${feature%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
}

summarize() { # prints totals over the Surefire and Failsafe XML reports
  command -v python3 >/dev/null || return 0
  python3 - "$@" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
grand = [0, 0, 0, 0]
kinds = {
    "surefire (JDK 17)": lambda f: "/surefire-reports/" in f and not f.endswith("-jdk21.xml"),
    "surefire (JDK 21+)": lambda f: "/surefire-reports/" in f and f.endswith("-jdk21.xml"),
    "failsafe": lambda f: "/failsafe-reports/" in f,
}
reports = glob.glob("**/target/*-reports/TEST-*.xml", recursive=True)
for kind, match in kinds.items():
    t = [0, 0, 0, 0]
    for f in filter(match, reports):
        r = ET.parse(f).getroot()
        t[0] += int(r.get("tests", 0)); t[1] += int(r.get("failures", 0))
        t[2] += int(r.get("errors", 0)); t[3] += int(r.get("skipped", 0))
    grand = [a + b for a, b in zip(grand, t)]
    print(f"{kind:24s} tests: {t[0]}, failures: {t[1]}, errors: {t[2]}, skipped: {t[3]}")
print(f"Tests: {grand[0] - grand[1] - grand[2] - grand[3]} passed, {grand[1] + grand[2]} failed, {grand[3]} skipped")
PY
}

log "services"
ensure_binaries
ensure_redis
ensure_mariadb
ensure_postgres

log "mvn -B verify (unit tests, then integration tests against the real services)"
start=$(date +%s)
# Under CI a missing service fails the test instead of aborting it (LocalServices).
mvn -B -ntp clean verify -Dzero4j.requireServices="$([ "$CI" = true ] && echo true || echo false)" "$@"

jdk21=$(find_jdk21)
if [ -n "$jdk21" ]; then
  log "unit tests on $jdk21 (virtual threads)"
  mvn -B -ntp -o surefire:test -pl "$VTHREAD_MODULES" -Djvm="$jdk21/bin/java" \
    -Dsurefire.reportNameSuffix=jdk21
else
  log "no JDK 21+ under /usr/lib/jvm: the virtual-thread paths were tested only through their fallbacks"
fi

log "totals ($(($(date +%s) - start)) s)"
summarize
