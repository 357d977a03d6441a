#!/usr/bin/env bash
# Starting and stopping the platform's two Spring Boot applications from their packaged jars. Source it.
#
#   app_start NAME PORT   start command-side or query-side on PORT and wait until it is ready
#   app_stop_all          stop every application app_start started (SIGTERM, then KILL after 20 s)
#   app_wait_any          block until one of them exits (or a signal arrives)
#
# The applications read their settings from the environment: ICR_DB_URL, ICR_DB_USER, ICR_DB_PASSWORD,
# ICR_ISSUER_URI and their port variable; the query side also ICR_COMMAND_SIDE_URL (where its web UI writes to).

if [[ -n "${_ICR_APPLICATIONS_SH:-}" ]]; then return 0; fi
_ICR_APPLICATIONS_SH=1

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

_ICR_APP_PIDS=()

app_start() {
  local name="$1" port="$2" jar log pid port_variable
  case "$name" in
    command-side) port_variable=ICR_COMMAND_SIDE_PORT ;;
    query-side) port_variable=ICR_QUERY_SIDE_PORT ;;
    *) icr_die "unknown application $name" ;;
  esac
  jar="$(ls "$ICR_ROOT/$name"/target/"$name"-*-exec.jar 2>/dev/null | head -n 1 || true)"
  [[ -n "$jar" ]] || icr_die "$name is not built: run ./mvnw -DskipTests package (or infra/run without ICR_SKIP_BUILD)"
  if icr_port_open 127.0.0.1 "$port"; then
    icr_die "port $port is taken; stop what uses it or set $port_variable"
  fi
  log="$ICR_LOCAL/logs/$name.log"
  icr_log "starting $name on port $port (log: $log)"
  env "$port_variable=$port" java @"$ICR_ROOT/infra/service.jvm.options" -jar "$jar" </dev/null >"$log" 2>&1 &
  pid=$!
  _ICR_APP_PIDS+=("$pid")
  local deadline=$((SECONDS + ${ICR_APP_START_TIMEOUT:-180}))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/actuator/health/readiness" || true)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$log" >&2 || true
      icr_die "$name exited during start-up; see $log"
    fi
    if ((SECONDS >= deadline)); then
      icr_die "$name was not ready within ${ICR_APP_START_TIMEOUT:-180} s; see $log"
    fi
    sleep 1
  done
  icr_log "$name ready on http://localhost:$port"
}

app_stop_all() {
  local pid i
  for pid in "${_ICR_APP_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${_ICR_APP_PIDS[@]}"; do
    for ((i = 0; i < 200; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  _ICR_APP_PIDS=()
}

app_wait_any() {
  # wait -n returns when one child exits; a trapped signal interrupts it too.
  wait -n "${_ICR_APP_PIDS[@]}" || true
  icr_log "an application stopped; see $ICR_LOCAL/logs/"
}
