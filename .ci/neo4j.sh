#!/usr/bin/env bash
# Run a real Neo4j 5.26 LTS Community server for local dev / CI, without Docker.
# Maven Central has no community tarball, so the server classpath is resolved
# from the published jars (see neo4j-launcher/pom.xml) and the server entry
# point is started directly with a generated neo4j.conf.
#
#   .ci/neo4j.sh fetch                 resolve jars into the cache (once)
#   .ci/neo4j.sh start  [RUN_DIR]      start on a free port, write RUN_DIR/env
#   .ci/neo4j.sh stop   [RUN_DIR]      stop (idempotent)
#   .ci/neo4j.sh status [RUN_DIR]      exit 0 if running
#   .ci/neo4j.sh clean  [RUN_DIR]      stop and delete RUN_DIR (fresh database)
#   .ci/neo4j.sh admin ARGS...         neo4j-admin on RUN_DIR (NEO4J_RUN_DIR or default),
#                                      e.g. admin database import full --nodes=... neo4j
#                                      (server must be stopped; pass --report-file=...,
#                                      the default import.report lands in the CWD)
# Env knobs: REELGRAPH_CACHE, NEO4J_HEAP (1g), NEO4J_PAGECACHE (512m), NEO4J_ADMIN_HEAP (1g)
set -euo pipefail

VERSION=5.26.30
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${REELGRAPH_CACHE:-$HOME/.cache/reelgraph}/neo4j-$VERSION"
LIB="$CACHE/lib"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Flags the official bin/neo4j adds; the add-opens avoid slow page-cache/netty fallbacks.
JVM_OPTS=(-XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError
  -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)

die() { echo "neo4j.sh: $*" >&2; exit 1; }

fetch() {
  [[ -f "$CACHE/.complete" ]] && return 0
  echo "neo4j.sh: resolving Neo4j $VERSION jars into $LIB ..." >&2
  rm -rf "$LIB.tmp"
  # Nothing to compile: copy-dependencies is all we need (runtime scope = full server).
  mvn -q -B -Dstyle.color=never -f "$HERE/neo4j-launcher/pom.xml" -Dneo4j.version="$VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" >&2
  rm -rf "$LIB" && mv "$LIB.tmp" "$LIB" && touch "$CACHE/.complete"
}

run_dir() { local d="${1:-${NEO4J_RUN_DIR:-$HERE/.neo4j-run}}"; mkdir -p "$d"; cd "$d" && pwd; }
pid_of()  { [[ -f "$1/neo4j.pid" ]] && kill -0 "$(cat "$1/neo4j.pid")" 2>/dev/null && cat "$1/neo4j.pid"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# neo4j-admin (org.neo4j.cli.AdminTool) reads NEO4J_HOME / NEO4J_CONF from the environment.
admin_tool() {
  NEO4J_HOME="$RUN" NEO4J_CONF="$RUN/conf" "$JAVA" "-Xmx${NEO4J_ADMIN_HEAP:-1g}" \
    "${JVM_OPTS[@]}" -cp "$LIB/*" org.neo4j.cli.AdminTool "$@"
}

# (Re)write RUN/conf/neo4j.conf; keeps the password and database across restarts.
configure() {
  local port="$1"
  mkdir -p "$RUN/conf" "$RUN/data" "$RUN/logs" "$RUN/import"
  [[ -s "$RUN/password" ]] || { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 > "$RUN/password"; chmod 600 "$RUN/password"; }
  cat > "$RUN/conf/neo4j.conf" <<EOF
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=:$port
server.http.enabled=false
server.https.enabled=false
server.directories.data=$RUN/data
server.directories.logs=$RUN/logs
server.directories.import=$RUN/import
server.memory.pagecache.size=${NEO4J_PAGECACHE:-512m}
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
# Default is 5s per stage (x2) which makes every stop take >10s.
internal.server.bolt.connection_shutdown_wait_time=1s
internal.server.bolt.thread_pool_shutdown_wait_time=1s
EOF
  # Only effective before the first start of this data dir, hence the auth.ini check.
  [[ -f "$RUN/data/dbms/auth.ini" ]] || admin_tool dbms set-initial-password "$(cat "$RUN/password")" >/dev/null
}

print_env() {
  local port; port="$(sed -n 's/^server.bolt.listen_address=://p' "$RUN/conf/neo4j.conf")"
  cat > "$RUN/env" <<EOF
export NEO4J_URI=bolt://127.0.0.1:$port
export NEO4J_USERNAME=neo4j
export NEO4J_PASSWORD=$(cat "$RUN/password")
export NEO4J_DATABASE=neo4j
EOF
  cat "$RUN/env"
}

start() {
  if pid_of "$RUN" >/dev/null; then echo "neo4j.sh: already running" >&2; print_env; return; fi
  fetch
  local port; port="$(free_port)"
  configure "$port"
  # neo4j.log is appended to across runs; move it so "Started." refers to this run.
  [[ -f "$RUN/logs/neo4j.log" ]] && mv "$RUN/logs/neo4j.log" "$RUN/logs/neo4j.log.prev"
  nohup "$JAVA" "-Xms${NEO4J_HEAP:-1g}" "-Xmx${NEO4J_HEAP:-1g}" "${JVM_OPTS[@]}" -cp "$LIB/*" \
    org.neo4j.server.CommunityEntryPoint --home-dir="$RUN" --config-dir="$RUN/conf" \
    > "$RUN/logs/console.log" 2>&1 < /dev/null &
  echo $! > "$RUN/neo4j.pid"
  local deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-120}))
  until grep -qs 'INFO  Started\.' "$RUN/logs/neo4j.log" && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! pid_of "$RUN" >/dev/null || ((SECONDS >= deadline)); then
      echo "neo4j.sh: server did not become ready; log tail:" >&2
      tail -n 40 "$RUN/logs/console.log" "$RUN/logs/neo4j.log" >&2 2>/dev/null || true
      stop; exit 1
    fi
    sleep 0.5
  done
  print_env
}

stop() {
  local pid; pid="$(pid_of "$RUN")" || { rm -f "$RUN/neo4j.pid"; return 0; }
  kill "$pid"  # SIGTERM -> orderly shutdown with checkpoint
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "neo4j.sh: killing $pid after 60s" >&2; kill -9 "$pid"; fi
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$RUN/neo4j.pid"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  fetch) fetch ;;
  start) RUN="$(run_dir "${1:-}")"; start ;;
  stop) RUN="$(run_dir "${1:-}")"; stop ;;
  clean) RUN="$(run_dir "${1:-}")"; stop; rm -rf "$RUN" ;;
  status) RUN="$(run_dir "${1:-}")"
    if pid="$(pid_of "$RUN")"; then echo "running (pid $pid) $(head -1 "$RUN/env" 2>/dev/null)"; else echo "stopped"; exit 1; fi ;;
  admin) RUN="$(run_dir "")"; fetch
    [[ -f "$RUN/conf/neo4j.conf" ]] || configure "$(free_port)"
    admin_tool "$@" ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
