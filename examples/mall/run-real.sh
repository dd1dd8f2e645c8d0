#!/usr/bin/env bash
# Runs the mall as it would be deployed: one process per service, each reading etc/<service>.yaml,
# against MariaDB (3306), Redis (6379), etcd (2379) and Kafka (9092) on 127.0.0.1.
#
#   examples/mall/run-real.sh start    # creates database mall; starts etcd and a KRaft Kafka broker
#                                      # when none listens; then the services (user-rpc x3)
#   examples/mall/run-real.sh status   # what runs, by PID, and each API's /ready
#   examples/mall/run-real.sh stop     # stops exactly what start started, by PID
#
# MariaDB and Redis must already run (scripts/test.sh starts them). etcd is Debian's `etcd`
# binary; Kafka comes from the Maven artifacts zero-testing resolves (no download, no Docker).
# PIDs and logs: examples/mall/.run/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
run="$here/.run"
jar="$here/target/mall.jar"
kafka_cp_file="$root/zero-testing/target/classes/io/github/zero4j/testing/kafka-broker.classpath"

# name:port of each service process, in start order; user-rpc-N reads USER_RPC_PORT.
services=(payment-rpc:9030 product-rpc:9010 user-rpc-1:9001 user-rpc-2:9002 user-rpc-3:9003
  order-rpc:9020 user-api:8888 order-api:8889 notification-mq:)

die() { echo "run-real: $*" >&2; exit 1; }
listening() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

wait_port() { # port seconds what
  local i
  for ((i = 0; i < $2 * 10; i++)); do listening "$1" && return 0; sleep 0.1; done
  die "$3 is not listening on 127.0.0.1:$1 after $2 s (see $run/$3.log)"
}

wait_ready() { # url seconds what
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  die "$3 is not ready at $1 after $2 s (see $run/$3.log)"
}

start_bg() { # name command...: started in its own process group, PID recorded
  local name=$1; shift
  setsid "$@" >"$run/$name.log" 2>&1 </dev/null &
  echo $! >"$run/$name.pid"
}

start_etcd() {
  if listening 2379; then echo "etcd: already listening on 2379, using it"; return; fi
  command -v etcd >/dev/null || die "etcd: nothing on 2379 and no etcd binary (apt-get install etcd-server)"
  start_bg etcd etcd --name mall --data-dir "$run/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster mall=http://127.0.0.1:2380
  wait_port 2379 30 etcd
  echo "etcd: started on 2379 (pid $(cat "$run/etcd.pid"))"
}

start_kafka() {
  if listening 9092; then echo "kafka: already listening on 9092, using it"; return; fi
  if [ ! -f "$kafka_cp_file" ]; then
    (cd "$root" && mvn -q -pl zero-testing -am install -DskipTests -Dspotless.check.skip=true)
  fi
  local kcp dir="$run/kafka"
  kcp=$(cat "$kafka_cp_file")
  mkdir -p "$dir"
  if [ ! -f "$dir/server.properties" ]; then
    cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
    local id
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' 'AB' | tr -d '=' | cut -c1-22)
    java -Xmx256m -cp "$kcp" kafka.tools.StorageTool format -t "$id" \
      -c "$dir/server.properties" >"$run/kafka-format.log" 2>&1 || die "kafka: format failed (see $run/kafka-format.log)"
  fi
  start_bg kafka java -Xms256m -Xmx768m -Dlogback.configurationFile="$run/kafka-logback.xml" \
    -cp "$kcp" kafka.Kafka "$dir/server.properties"
  wait_port 9092 90 kafka
  echo "kafka: started on 9092 (pid $(cat "$run/kafka.pid"))"
}

create_topic() {
  local kcp src="$run/CreateTopic.java"
  kcp=$(cat "$kafka_cp_file")
  cat >"$src" <<'JAVA'
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates args[1] with 3 partitions on args[0] unless it exists, then waits for its leaders. */
public class CreateTopic {
  public static void main(String[] args) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0]))) {
      try {
        admin.createTopics(List.of(new NewTopic(args[1], 3, (short) 1))).all().get();
        System.out.println("kafka: topic " + args[1] + " created");
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) throw e;
        System.out.println("kafka: topic " + args[1] + " exists");
      }
      for (int i = 0; i < 300; i++) {
        var d = admin.describeTopics(List.of(args[1])).allTopicNames().get().get(args[1]);
        if (d.partitions().stream().allMatch(p -> p.leader() != null)) return;
        Thread.sleep(100);
      }
      throw new IllegalStateException("no leader for " + args[1]);
    }
  }
}
JAVA
  java -Dlogback.configurationFile="$run/kafka-logback.xml" -cp "$kcp" "$src" 127.0.0.1:9092 order-events
}

build_jar() {
  if [ ! -f "$jar" ] || [ -n "$(find "$root" -path "$root/.git" -prune -o \
    \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -type f -print -quit)" ]; then
    echo "building $jar"
    (cd "$root" && mvn -q -pl examples/mall -am package -DskipTests)
  fi
}

start_services() {
  local entry name port svc
  for entry in "${services[@]}"; do
    name=${entry%%:*}; port=${entry#*:}; svc=${name%-[0-9]}
    if alive "$name"; then echo "$name: already running (pid $(cat "$run/$name.pid"))"; continue; fi
    # Each process runs from examples/mall so that etc/<service>.yaml resolves.
    (cd "$here" && USER_RPC_PORT=$port start_bg "$name" java -jar "$jar" "$svc" -f "etc/$svc.yaml")
    if [ -n "$port" ]; then wait_port "$port" 60 "$name"; fi
    echo "$name: started (pid $(cat "$run/$name.pid"))${port:+ on $port}"
  done
  wait_ready http://127.0.0.1:8888/ready 30 user-api
  wait_ready http://127.0.0.1:8889/ready 30 order-api
}

start() {
  mkdir -p "$run"
  # Kafka's own programs (broker, topic creation) log WARN only: without a configuration their
  # logback logs DEBUG for every request.
  cat >"$run/kafka-logback.xml" <<'XML'
<configuration><appender name="O" class="ch.qos.logback.core.ConsoleAppender"><encoder>
<pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder></appender>
<root level="WARN"><appender-ref ref="O"/></root></configuration>
XML
  command -v mariadb >/dev/null || die "mariadb client not found"
  mariadb -h 127.0.0.1 -P 3306 -u root -e 'CREATE DATABASE IF NOT EXISTS mall' \
    || die "MariaDB on 127.0.0.1:3306 (root, no password) is not reachable"
  echo "mariadb: database mall ready"
  listening 6379 || die "Redis is not listening on 127.0.0.1:6379"
  echo "redis: listening on 6379"
  build_jar
  start_etcd
  start_kafka
  create_topic
  start_services
  echo
  echo "mall is up (real mode): user-api http://127.0.0.1:8888, order-api http://127.0.0.1:8889,"
  echo "metrics http://127.0.0.1:{6470,6471,6472,6473}/metrics. Try: examples/mall/demo.sh"
}

stop() {
  local i name pid
  # Reverse start order: services first, then the brokers this script started.
  local names=(etcd kafka)
  for entry in "${services[@]}"; do names+=("${entry%%:*}"); done
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do
    name=${names[i]}
    [ -f "$run/$name.pid" ] || continue
    pid=$(cat "$run/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; echo "$name: killed (pid $pid)"; else echo "$name: stopped (pid $pid)"; fi
    fi
    rm -f "$run/$name.pid"
  done
}

status() {
  local name entry
  for name in etcd kafka; do
    if alive "$name"; then echo "$name: running (pid $(cat "$run/$name.pid"))"; fi
  done
  for entry in "${services[@]}"; do
    name=${entry%%:*}
    if alive "$name"; then echo "$name: running (pid $(cat "$run/$name.pid"))"; else echo "$name: not running"; fi
  done
  for url in http://127.0.0.1:8888/ready http://127.0.0.1:8889/ready; do
    echo "$url: $(curl -s "$url" || echo unreachable)"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
