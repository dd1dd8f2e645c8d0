#!/usr/bin/env bash
# Runs one benchmark suite in bounded time and prints a table: ours, each peer, and the ratio.
#
#   scripts/bench.sh smoke   # harness check (a few seconds)
#   scripts/bench.sh core    # breaker, local limiter, singleflight, shedder vs their peers, 1 and 2 threads
#   scripts/bench.sh stores  # Redis limiter, cache and CachedConn vs raw Lettuce/JDBC and peers
#                            # (needs Redis on 127.0.0.1:6379 and MariaDB on 3306: scripts/test.sh starts them)
#   scripts/bench.sh rpc     # PickerHarness (p2c_ewma vs round_robin, pick_first, least_request on
#                            # loopback gRPC; SECONDS_PER_RUN=10, ROUNDS=4, ~11 min) and the JMH pick cost
#   scripts/bench.sh queue   # Pusher vs raw KafkaProducer, KafkaQueue vs a raw poll loop, against a
#                            # KRaft broker this script starts from the Maven artifacts (MESSAGES=1000000;
#                            # PARTS="pusher" or "queue" runs one of the two; ROUNDS=15 pusher rounds;
#                            # PUSHER_SIDES=0,3 keeps only those pusher sides)
#   scripts/bench.sh rest    # wrk (1 thread, 64 connections) against HTTP servers, server and wrk on
#                            # different cores; DURATION=10s, WARMUP=15s per path, JAVA=java (the
#                            # server's JVM: JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java for
#                            # virtual-thread handlers)
#
# JMH settings can be overridden: JMH_OPTS="-f 1 -wi 3 -w 1s -i 5 -r 1s" THREADS="1 2" scripts/bench.sh core
# Raw JSON results land in bench-results/<suite>-<timestamp>-t<N>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

suite="${1:-}"
case "$suite" in
  smoke) pattern='io\.github\.zero4j\.benchmarks\.smoke\..*'; default_threads="1" ;;
  core) pattern='io\.github\.zero4j\.benchmarks\.core\..*'; default_threads="1 2" ;;
  stores) pattern='io\.github\.zero4j\.benchmarks\.stores\..*'; default_threads="1" ;;
  rpc) pattern='io\.github\.zero4j\.benchmarks\.rpc\..*'; default_threads="1" ;;
  queue) pattern=''; default_threads='' ;;
  rest) pattern=''; default_threads='' ;;
  *) echo "usage: scripts/bench.sh smoke|core|stores|rpc|rest|queue" >&2; exit 2 ;;
esac
threads="${THREADS:-$default_threads}"
jmh_opts="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"

echo "==> building benchmarks.jar"
mvn -B -q -ntp package -DskipTests -Dspotless.check.skip=true -Denforcer.skip=true -pl benchmarks -am
[ "$suite" = queue ] && mvn -B -q -ntp package -DskipTests -Dspotless.check.skip=true -pl zero-testing
jar=benchmarks/target/benchmarks.jar

mkdir -p bench-results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
header() {
  echo
  echo "suite: $suite | machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) | $(java -version 2>&1 | head -1) | $(date -u +%Y-%m-%d)"
}

if [ "$suite" = rest ]; then
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
  duration="${DURATION:-10s}"
  # name|main class and arguments (the port is appended)
  # name|Logback configuration (on the classpath)|main class and arguments (the port is appended).
  # logback-rest.xml: access lines -> Logback AsyncAppender -> FileAppender (the issue's setup);
  # logback-rest-direct.xml: access lines -> FileAppender, zero-rest's own writer thread being the
  # asynchronous stage (what docs/rest.md recommends).
  servers=(
    "raw-netty|logback-rest.xml|io.github.zero4j.benchmarks.rest.RawNettyHelloServer"
    "zero-rest-eventloop|logback-rest.xml|io.github.zero4j.benchmarks.rest.ZeroRestHelloServer eventloop"
    "zero-rest-blocking|logback-rest.xml|io.github.zero4j.benchmarks.rest.ZeroRestHelloServer blocking"
    "zero-rest-eventloop-direct|logback-rest-direct.xml|io.github.zero4j.benchmarks.rest.ZeroRestHelloServer eventloop"
    "zero-rest-blocking-direct|logback-rest-direct.xml|io.github.zero4j.benchmarks.rest.ZeroRestHelloServer blocking"
  )
  java_bin="${JAVA:-java}"
  warmup="${WARMUP:-15s}"
  ticks=$(getconf CLK_TCK)
  rows=()
  declare -A raw_rps raw_p99
  for entry in "${servers[@]}"; do
    IFS='|' read -r name logback main <<<"$entry"
    port=$(free_port)
    # shellcheck disable=SC2086
    taskset -c 0 "$java_bin" -Xms256m -Xmx256m -Dlogback.configurationFile="$logback" \
      -DaccessLog="bench-results/rest-${stamp}-${name}-access.log" \
      -cp "$jar" $main "$port" >"bench-results/rest-${stamp}-${name}.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/plaintext" >/dev/null 2>&1 && break; sleep 0.1; done
    for path in plaintext json; do
      taskset -c 1 wrk -t1 -c64 -d"$warmup" "http://127.0.0.1:$port/$path" >/dev/null # warm-up (JIT)
      # The server's CPU time over the measured run (user + system, all its threads): CPU per
      # request is steadier than requests/s when the machine is not idle.
      cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      out=$(taskset -c 1 wrk -t1 -c64 -d"$duration" --latency "http://127.0.0.1:$port/$path")
      cpu_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      requests=$(awk '/requests in/ {print $1}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out")
      p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
      errors=$(awk '/Socket errors/ {print $0}' <<<"$out" | sed 's/^ *//')
      cpu_us=$(awk -v t="$((cpu_after - cpu_before))" -v hz="$ticks" -v n="$requests" \
        'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
      p99_us=$(awk -v v="$p99" 'BEGIN {
        if (v ~ /us$/) f = 1; else if (v ~ /ms$/) f = 1000; else if (v ~ /s$/) f = 1e6; else f = 1;
        sub(/[a-z]+$/, "", v); printf "%.1f", v * f }')
      if [ "$name" = raw-netty ]; then
        raw_rps[$path]=$rps; raw_p99[$path]=$p99_us
      fi
      ratio=$(awk -v a="$rps" -v b="${raw_rps[$path]}" 'BEGIN {printf "%.2fx", a / b}')
      p99_ratio=$(awk -v a="$p99_us" -v b="${raw_p99[$path]}" 'BEGIN {printf "%.2fx", a / b}')
      rows+=("| $name | /$path | $rps | $ratio | $p50 | $p99 | $p99_ratio | $cpu_us | ${non2xx:-0} ${errors} |")
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  header
  echo "server JVM: $("$java_bin" -version 2>&1 | head -1)"
  echo "command: JAVA=$java_bin scripts/bench.sh rest (wrk -t1 -c64 -d$duration after a $warmup warm-up per path, server on core 0, wrk on core 1)"
  echo
  echo "| server | path | requests/s | vs raw | p50 | p99 | p99 vs raw | server CPU us/request | non-2xx / socket errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  exit 0
fi

if [ "$suite" = rpc ]; then
  # ROUNDS=4: every policy is measured once in every position of the run order (see PickerHarness).
  echo "==> PickerHarness: java -Dpicker.rounds=${ROUNDS:-4} -cp $jar io.github.zero4j.benchmarks.rpc.PickerHarness ${SECONDS_PER_RUN:-10} 32"
  java -Dpicker.rounds="${ROUNDS:-4}" -cp "$jar" io.github.zero4j.benchmarks.rpc.PickerHarness "${SECONDS_PER_RUN:-10}" 32 \
    | tee "bench-results/rpc-${stamp}-harness.txt"
fi

if [ "$suite" = queue ]; then
  # A single-node KRaft broker, as zero-testing's KafkaBroker starts it for the tests.
  cp_file=zero-testing/target/classes/io/github/zero4j/testing/kafka-broker.classpath
  kdir=$(mktemp -d /tmp/zero4j-bench-kafka.XXXXXX)
  kport=$(free_port); cport=$(free_port)
  cat >"$kdir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$kport,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$kport
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$kdir/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  # WARN only, as zero-testing's KafkaBroker: without a configuration the broker's logback logs
  # DEBUG lines for every request, which costs the shared cores more than the clients measured.
  cat >"$kdir/logback.xml" <<XML
<configuration><appender name="F" class="ch.qos.logback.core.FileAppender"><file>$kdir/broker.log</file>
<encoder><pattern>%d %-5level [%logger{20}] %msg%n</pattern></encoder></appender>
<root level="WARN"><appender-ref ref="F"/></root></configuration>
XML
  kcp=$(cat "$cp_file")
  java -Xmx256m -cp "$kcp" kafka.tools.StorageTool format -t "$(python3 -c 'import base64,os; print(base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=").replace("-","A"))')" \
    -c "$kdir/server.properties" >"$kdir/format.log" 2>&1
  java -Xms512m -Xmx1g -XX:+UseG1GC -Dlogback.configurationFile="$kdir/logback.xml" -cp "$kcp" \
    kafka.Kafka "$kdir/server.properties" >"$kdir/broker.out" 2>&1 &
  kpid=$!
  # The broker dies of the SIGTERM, so its wait returns 143: under set -e that status would become
  # the script's own, hence the "|| true"s; the script exits with the status it had.
  trap 'rc=$?; kill "$kpid" 2>/dev/null || true; wait "$kpid" 2>/dev/null || true; rm -rf "$kdir"; exit $rc' EXIT
  for _ in $(seq 200); do (echo >/dev/tcp/127.0.0.1/$kport) 2>/dev/null && break; sleep 0.1; done
  sleep 2 # the broker accepts before its metadata is ready; the harnesses also wait for leaders
  echo "==> broker on 127.0.0.1:$kport"
  parts="${PARTS:-pusher queue}"
  case " $parts " in *" pusher "*)
    java ${PUSHER_SIDES:+-Dpusher.sides=$PUSHER_SIDES} -cp "$jar" io.github.zero4j.benchmarks.queue.PusherBenchmark "127.0.0.1:$kport" "${MESSAGES:-1000000}" 6 "${ROUNDS:-15}" \
      | tee "bench-results/queue-${stamp}-pusher.txt" ;;
  esac
  case " $parts " in *" queue "*)
    java -cp "$jar" io.github.zero4j.benchmarks.queue.KafkaQueueBenchmark "127.0.0.1:$kport" "${MESSAGES:-1000000}" \
      | tee "bench-results/queue-${stamp}-queue.txt" ;;
  esac
  header
  echo "command: scripts/bench.sh queue (MESSAGES=${MESSAGES:-1000000}, PARTS=\"$parts\", ROUNDS=${ROUNDS:-15}) | load: $(uptime | sed 's/.*load average/load average/')"
  exit 0
fi

results=()
for t in $threads; do
  out="bench-results/${suite}-${stamp}-t${t}.json"
  echo "==> JMH $suite, $t thread(s): java -jar $jar '$pattern' $jmh_opts -t $t"
  # shellcheck disable=SC2086
  java -jar "$jar" "$pattern" $jmh_opts -t "$t" -rf json -rff "$out" >"bench-results/${suite}-${stamp}-t${t}.log" 2>&1 \
    || { tail -40 "bench-results/${suite}-${stamp}-t${t}.log"; exit 1; }
  results+=("$out")
done

header
echo "command: scripts/bench.sh $suite (JMH_OPTS=\"$jmh_opts\", threads: $threads)"
echo
java -cp "$jar" io.github.zero4j.benchmarks.BenchReport "${results[@]}"
