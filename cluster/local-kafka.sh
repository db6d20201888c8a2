#!/usr/bin/env bash
# A local Apache Kafka cluster in KRaft mode, from Maven Central's jars (cluster/pom.xml),
# for trying cluster mode (SPEC §15) and for its tests. Not a production deployment: see
# docs/cluster.md for that.
#
#   cluster/local-kafka.sh start N DIR   format and start N brokers (each also a controller)
#                                        on free loopback ports, data and logs under DIR,
#                                        pids in DIR/broker-K.pid; waits until the cluster
#                                        takes writes acknowledged by all in-sync replicas and
#                                        prints bootstrap=HOST:PORT,... as its last line
#   cluster/local-kafka.sh stop DIR      stops them (TERM, then KILL after 30 s)
#   cluster/local-kafka.sh restart-broker K DIR
#                                        starts broker K again on its data (after a crash)
#
# Environment: KAFKA_HEAP (default 256m) per broker; JAVA (default java).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
java="${JAVA:-java}"
heap="${KAFKA_HEAP:-256m}"

usage() {
  echo "usage: $0 start N DIR | stop DIR | restart-broker K DIR" >&2
  exit 2
}

# The broker's class path, resolved once by Maven (the wrapper at the project's root).
classpath() {
  local dir="$1"
  if [ ! -s "$dir/classpath.txt" ]; then
    "$here/../mvnw" -q -B -ntp -f "$here/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$dir/classpath.txt" >&2
  fi
  cat "$dir/classpath.txt"
}

# A loopback port nothing listens on (bash's /dev/tcp: a refused connect means free).
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      if ! grep -qx "$port" "$taken" 2>/dev/null; then
        echo "$port" >>"$taken"
        echo "$port"
        return
      fi
    fi
  done
}

# Starts broker K of DIR in the background; its pid goes to DIR/broker-K.pid.
launch() {
  local dir="$1" k="$2" cp="$3"
  nohup "$java" -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.showDateTime=true -cp "$cp" kafka.Kafka "$dir/broker-$k.properties" \
    >>"$dir/broker-$k.log" 2>&1 </dev/null &
  echo $! >"$dir/broker-$k.pid"
}

restart_broker() {
  local k="$1" dir="$2"
  [ -e "$dir/broker-$k.properties" ] || { echo "no broker $k in $dir" >&2; exit 1; }
  if [ -e "$dir/broker-$k.pid" ] && kill -0 "$(cat "$dir/broker-$k.pid")" 2>/dev/null; then
    echo "broker $k still runs" >&2
    exit 1
  fi
  launch "$dir" "$k" "$(classpath "$dir")"
}

start() {
  local n="$1" dir="$2"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || usage
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  for pidfile in "$dir"/broker-*.pid; do
    if [ -e "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "a broker already runs from $dir ($pidfile); stop it first" >&2
      exit 1
    fi
  done
  taken="$dir/ports.taken"
  : >"$taken"
  local cp
  cp="$(classpath "$dir")"

  local replicas=$(( n < 3 ? n : 3 ))
  local min_isr=$(( n < 2 ? 1 : 2 ))
  local -a broker_ports controller_ports
  local voters="" bootstrap=""
  for k in $(seq 1 "$n"); do
    broker_ports[$k]="$(free_port)"
    controller_ports[$k]="$(free_port)"
    voters="${voters:+$voters,}$k@127.0.0.1:${controller_ports[$k]}"
    bootstrap="${bootstrap:+$bootstrap,}127.0.0.1:${broker_ports[$k]}"
  done

  local cluster_id
  cluster_id="$("$java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  for k in $(seq 1 "$n"); do
    local conf="$dir/broker-$k.properties"
    cat >"$conf" <<EOF
process.roles=broker,controller
node.id=$k
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:${broker_ports[$k]},CONTROLLER://127.0.0.1:${controller_ports[$k]}
advertised.listeners=PLAINTEXT://127.0.0.1:${broker_ports[$k]}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/broker-$k/data
num.partitions=1
default.replication.factor=$replicas
min.insync.replicas=$min_isr
offsets.topic.replication.factor=$replicas
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
    rm -rf "$dir/broker-$k/data" "$dir/broker-$k.log"
    "$java" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$conf" >"$dir/broker-$k.format.log" 2>&1 \
      || { cat "$dir/broker-$k.format.log" >&2; exit 1; }
  done
  for k in $(seq 1 "$n"); do
    launch "$dir" "$k" "$cp"
  done

  # Ready means a write acknowledged by every in-sync replica succeeds.
  local deadline=$(( SECONDS + 120 ))
  until "$java" -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
      --if-not-exists --topic cluster-ready --partitions 1 --replication-factor "$replicas" >/dev/null 2>&1 \
    && echo ready | "$java" -cp "$cp" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" \
      --topic cluster-ready --producer-property acks=all --producer-property delivery.timeout.ms=10000 \
      --producer-property request.timeout.ms=5000 >/dev/null 2>&1; do
    if (( SECONDS > deadline )); then
      echo "the cluster did not take a write within 120 s; logs in $dir" >&2
      stop "$dir"
      exit 1
    fi
    sleep 1
  done
  echo "$bootstrap" >"$dir/bootstrap"
  echo "bootstrap=$bootstrap"
}

stop() {
  local dir="$1"
  local pids=()
  for pidfile in "$dir"/broker-*.pid; do
    [ -e "$pidfile" ] || continue
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local deadline=$(( SECONDS + 30 ))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS > deadline )); then
        kill -9 "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  done
  rm -f "$dir"/broker-*.pid
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  restart-broker) [ $# -eq 3 ] || usage; restart_broker "$2" "$3" ;;
  *) usage ;;
esac
