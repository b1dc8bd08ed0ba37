#!/usr/bin/env bash
# Neo4j 5.26 Community test server (embedded Neo4j with its Bolt connector, from Maven Central).
#
#   bash scripts/neo4j/server.sh start    build if needed, start (or reuse) the server, print its bolt URI
#   bash scripts/neo4j/server.sh stop     stop the server started by `start`
#   bash scripts/neo4j/server.sh restart  stop it and start it again on the same port (its data kept)
#   bash scripts/neo4j/server.sh status   print the bolt URI and exit 0 if running, else exit 1
#   bash scripts/neo4j/server.sh admin …  neo4j-admin of the same Neo4j (build if needed), e.g.
#                                         `admin database import full …`; NEO4J_HOME (default
#                                         .neo4j/admin-home) is where it finds conf/ and puts data/
#
# State lives in .neo4j/ at the repo root (git-ignored): uri, pid, server.log, build.log, and the
# database in .neo4j/data, which survives restarts (kill -9 too: Neo4j recovers it on start).
# Bolt on 127.0.0.1, auth disabled (any user/password, or none), no HTTP.
#
# Environment:
#   NEO4J_BOLT_PORT        Bolt port (default: a free ephemeral port, so a Neo4j of your own on 7687
#                          is never taken or confused with this one)
#   NEO4J_JAVA_OPTS        JVM options (default: -Xms256m -Xmx1g)
#   NEO4J_START_TIMEOUT    seconds to wait for Bolt after launch (default 120)
#   NEO4J_ADMIN_JAVA_OPTS  JVM options of `admin` (default: -Xmx1g)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STATE="$ROOT/.neo4j"
PID_FILE="$STATE/pid"
URI_FILE="$STATE/uri"
LOG_FILE="$STATE/server.log"
BUILD_LOG="$STATE/build.log"
DATA_DIR="$STATE/data"
STAMP="$HERE/target/.build-ok"
MAIN_CLASS="testserver.TestServer"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"

die() { echo "neo4j: $*" >&2; exit 1; }

# Is $1 a live process running our server class? (ps, not /proc: works on macOS too)
is_server_pid() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q "$MAIN_CLASS"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  is_server_pid "$pid" || return 1
  echo "$pid"
}

# Does host:port accept TCP connections?
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

uri_answers() {
  local uri="$1" hostport host port
  hostport="${uri#*://}"; hostport="${hostport%%/*}"
  host="${hostport%:*}"; port="${hostport##*:}"
  [[ "$port" =~ ^[0-9]+$ ]] || return 1
  port_open "$host" "$port"
}

needs_build() {
  [ -f "$STAMP" ] || return 0
  [ -d "$HERE/target/lib" ] || return 0
  [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$STAMP" -print -quit)" ] && return 0
  return 1
}

build() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found (install maven)"
  command -v javac >/dev/null 2>&1 || die "javac not found (install openjdk-17-jdk-headless; a JRE cannot build the test server)"
  echo "neo4j: building test server with Maven (first run downloads ~150 MB into ~/.m2) ..." >&2
  rm -f "$STAMP"
  if ! (cd "$HERE" && mvn -B -q -DskipTests package) > "$BUILD_LOG" 2>&1; then
    die "maven build failed: see .neo4j/build.log"
  fi
  touch "$STAMP"
}

# Wait for a starting/started server: its log has the URI line and the port answers.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT)) uri=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    # Liveness only: right after launch the subshell may not have exec'd java yet, so its
    # command line does not name the server class (is_server_pid would call it dead).
    kill -0 "$pid" 2>/dev/null || return 2
    uri="$(grep -m1 -E '^bolt://127\.0\.0\.1:[0-9]+$' "$LOG_FILE" 2>/dev/null || true)"
    if [ -n "$uri" ] && uri_answers "$uri"; then
      echo "$uri"
      return 0
    fi
    sleep 1
  done
  return 1
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 60); do
    is_server_pid "$pid" || return 0
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_start() {
  mkdir -p "$STATE"
  # Serialize concurrent `start`s (e.g. several test processes) when flock is available.
  # test/support/neo4j.ts waits longer than this (its execFile timeout) so it sees our message.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE/lock"
    flock -w 900 9 || die "timed out waiting for another 'server.sh start' to finish"
  fi

  local pid uri rc
  if pid="$(running_pid)"; then
    if uri="$(wait_ready "$pid")"; then
      echo "$uri" > "$URI_FILE"
      echo "$uri"
      return 0
    fi
    echo "neo4j: server pid $pid is alive but not answering; restarting it" >&2
    stop_pid "$pid"
  fi
  rm -f "$PID_FILE" "$URI_FILE"

  command -v java >/dev/null 2>&1 || die "java not found (install openjdk-17-jdk-headless)"
  if needs_build; then build; fi

  : > "$LOG_FILE"
  # setsid + nohup: the server outlives the shell or test process that started it.
  # shellcheck disable=SC2086
  (cd "$HERE" && exec nohup setsid java ${NEO4J_JAVA_OPTS:--Xms256m -Xmx1g} \
      -cp "target/classes:target/lib/*" "$MAIN_CLASS" "${NEO4J_BOLT_PORT:-0}" "$DATA_DIR" \
      >> "$LOG_FILE" 2>&1 < /dev/null 9>&-) &
  pid=$!
  echo "$pid" > "$PID_FILE"

  rc=0
  uri="$(wait_ready "$pid")" || rc=$?
  if [ "$rc" -ne 0 ]; then
    rm -f "$PID_FILE"
    if [ "$rc" -eq 2 ]; then
      die "server exited during startup: see .neo4j/server.log ($(grep -v '^\s*at ' "$LOG_FILE" | tail -n 1))"
    fi
    stop_pid "$pid"
    die "server did not accept Bolt connections within ${START_TIMEOUT} s: see .neo4j/server.log"
  fi
  echo "$uri" > "$URI_FILE"
  echo "$uri"
}

cmd_stop() {
  local pid
  if pid="$(running_pid)"; then
    stop_pid "$pid"
    echo "neo4j: stopped (pid $pid)" >&2
  else
    echo "neo4j: not running" >&2
  fi
  rm -f "$PID_FILE" "$URI_FILE"
}

cmd_restart() {
  local uri port
  uri="$(cat "$URI_FILE" 2>/dev/null || true)"
  port="${uri##*:}"
  cmd_stop
  if [[ "$port" =~ ^[0-9]+$ ]]; then NEO4J_BOLT_PORT="$port" cmd_start; else cmd_start; fi
}

cmd_status() {
  local pid uri
  if pid="$(running_pid)" && [ -f "$URI_FILE" ] && uri="$(cat "$URI_FILE")" && uri_answers "$uri"; then
    echo "$uri"
    echo "neo4j: running (pid $pid)" >&2
    return 0
  fi
  echo "neo4j: not running" >&2
  return 1
}

# neo4j-admin from the harness's jars (the test server's classpath holds the import tool and the
# command-line entry point): runs in the caller's folder, so relative paths mean what they say.
cmd_admin() {
  mkdir -p "$STATE"
  command -v java >/dev/null 2>&1 || die "java not found (install openjdk-17-jdk-headless)"
  if needs_build; then
    if command -v flock >/dev/null 2>&1; then
      exec 9>"$STATE/lock"
      flock -w 900 9 || die "timed out waiting for another 'server.sh start' to finish"
    fi
    if needs_build; then build; fi
    exec 9>&-
  fi
  export NEO4J_HOME="${NEO4J_HOME:-$STATE/admin-home}"
  mkdir -p "$NEO4J_HOME"
  # shellcheck disable=SC2086
  exec java ${NEO4J_ADMIN_JAVA_OPTS:--Xmx1g} -cp "$HERE/target/classes:$HERE/target/lib/*" org.neo4j.cli.AdminTool "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_restart ;;
  status) cmd_status ;;
  admin) shift; cmd_admin "$@" ;;
  *) echo "usage: $0 start|stop|restart|status|admin …" >&2; exit 2 ;;
esac
