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
#   scripts/bench.sh rest    # wrk (1 thread, 64 connections) against HTTP servers, servers on core 0
#                            # and wrk on core 1; WARMUP=15s per server and path, then ROUNDS=4
#                            # rounds of DURATION=6s runs, each zero-rest run paired with a raw
#                            # Netty run just before it (~9 min); JAVA=java (the
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
  duration="${DURATION:-6s}"
  warmup="${WARMUP:-15s}"
  rounds="${ROUNDS:-4}"
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
  ticks=$(getconf CLK_TCK)
  # Every server runs for the whole suite, all on core 0 (an idle one costs next to nothing), so
  # that they can be measured in pairs: one run per server is at the mercy of whatever else this
  # VM's host does in those seconds (raw Netty alone varied 93k-124k requests/s between runs a
  # minute apart), so each zero-rest run comes right after a raw Netty run of the same path, its
  # ratio is taken to that run, and the table gives the median of those ratios over the rounds.
  names=(); pids=(); ports=()
  cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
  trap cleanup EXIT
  for entry in "${servers[@]}"; do
    IFS='|' read -r name logback main <<<"$entry"
    port=$(free_port)
    # shellcheck disable=SC2086
    taskset -c 0 "$java_bin" -Xms256m -Xmx256m -Dlogback.configurationFile="$logback" \
      -DaccessLog="bench-results/rest-${stamp}-${name}-access.log" \
      -cp "$jar" $main "$port" >"bench-results/rest-${stamp}-${name}.log" 2>&1 &
    pids+=($!); names+=("$name"); ports+=("$port")
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/plaintext" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  for i in "${!names[@]}"; do
    for path in plaintext json; do
      taskset -c 1 wrk -t1 -c64 -d"$warmup" "http://127.0.0.1:${ports[$i]}/$path" >/dev/null # JIT
    done
  done
  results="bench-results/rest-${stamp}-runs.tsv"
  printf 'round\tserver\tpath\trps\tp50_us\tp99_us\tcpu_us\tbad\n' >"$results"
  to_us() { awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) f = 1; else if (v ~ /ms$/) f = 1000; else if (v ~ /s$/) f = 1e6; else f = 1;
    sub(/[a-z]+$/, "", v); printf "%.1f", v * f }'; }
  measure() { # measure <round> <server index> <path>
    local i=$2 path=$3 pid=${pids[$2]} out requests rps p50 p99 bad cpu_us cpu_before cpu_after
    # The server's CPU time over the run (user + system, all its threads).
    cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(taskset -c 1 wrk -t1 -c64 -d"$duration" --latency "http://127.0.0.1:${ports[$i]}/$path")
    cpu_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(to_us "$(awk '$1=="50%" {print $2}' <<<"$out")")
    p99=$(to_us "$(awk '$1=="99%" {print $2}' <<<"$out")")
    bad=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out" | sed 's/  */ /g')
    cpu_us=$(awk -v t="$((cpu_after - cpu_before))" -v hz="$ticks" -v n="$requests" \
      'BEGIN {printf "%.2f", t * 1e6 / hz / n}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "${names[$i]}" "$path" "$rps" "$p50" "$p99" "$cpu_us" "${bad:-0}" >>"$results"
  }
  n=${#names[@]}
  pair=0
  for round in $(seq "$rounds"); do
    for path in plaintext json; do
      # Each round starts with the next server, so no server is always measured first.
      for k in $(seq 0 $((n - 2))); do
        i=$((1 + (k + round - 1) % (n - 1)))
        pair=$((pair + 1))
        measure "$pair" 0 "$path"
        measure "$pair" "$i" "$path"
      done
    done
  done
  header
  echo "server JVM: $("$java_bin" -version 2>&1 | head -1)"
  echo "command: JAVA=$java_bin ROUNDS=$rounds scripts/bench.sh rest (all servers on core 0, each warmed up $warmup per path; then $rounds rounds of wrk -t1 -c64 -d$duration on core 1, each zero-rest run right after a raw Netty run of the same path; runs in $results)"
  echo
  python3 - "$results" <<'PY'
import csv, statistics, sys
runs = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
# "round" numbers pairs: each zero-rest run and the raw Netty run just before it.
raw = {(r["round"], r["path"]): r for r in runs if r["server"] == "raw-netty"}
order = []
for r in runs:
    if (r["server"], r["path"]) not in order:
        order.append((r["server"], r["path"]))
order.sort(key=lambda k: (k[0] != "raw-netty", [r["server"] for r in runs].index(k[0]), k[1] != "plaintext"))
print("Medians over the runs; ratios are the median of each run's ratio to the raw Netty run just before it (min-max).")
print()
print("| server | path | requests/s | vs raw | p50 | p99 | p99 vs raw | server CPU µs/request | non-2xx / socket errors |")
print("|---|---|---|---|---|---|---|---|---|")
for server, path in order:
    rows = [r for r in runs if r["server"] == server and r["path"] == path]
    med = lambda key: statistics.median(float(r[key]) for r in rows)
    if server == "raw-netty":
        ratios = p99s = [1.0]
    else:
        ratios = [float(r["rps"]) / float(raw[(r["round"], path)]["rps"]) for r in rows]
        p99s = [float(r["p99_us"]) / float(raw[(r["round"], path)]["p99_us"]) for r in rows]
    bad = sorted({r["bad"] for r in rows if r["bad"] != "0"})
    print(f"| {server} | /{path} | {med('rps'):,.0f} | {statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) "
          f"| {med('p50_us') / 1000:.2f} ms | {med('p99_us') / 1000:.2f} ms | {statistics.median(p99s):.2f}x ({min(p99s):.2f}-{max(p99s):.2f}) "
          f"| {med('cpu_us'):.1f} | {', '.join(bad) if bad else 0} |")
PY
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
