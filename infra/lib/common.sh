#!/usr/bin/env bash
# Shared helpers for the scripts in infra/. Source it; do not run it.
#   ICR_ROOT   repository root (derived from this file's location)
#   ICR_LOCAL  git-ignored runtime folder (default "$ICR_ROOT/.local"; an ICR_LOCAL already set is kept)
# Safe under `set -euo pipefail`. bash only.

if [[ -n "${_ICR_COMMON_SH:-}" ]]; then return 0; fi
_ICR_COMMON_SH=1

ICR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
ICR_LOCAL="${ICR_LOCAL:-$ICR_ROOT/.local}"
mkdir -p "$ICR_LOCAL/logs"
ICR_LOCAL="$(cd "$ICR_LOCAL" && pwd -P)"
export ICR_ROOT ICR_LOCAL

# icr_log MESSAGE...  -- prefixed message to stderr
icr_log() {
  printf '[icr %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

# icr_die MESSAGE...  -- log and exit 1
icr_die() {
  icr_log "ERROR: $*"
  exit 1
}

# icr_port_open HOST PORT  -- true when something accepts TCP connections there
icr_port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# icr_wait_for_port HOST PORT TIMEOUT_SECONDS  -- wait until the port accepts connections
icr_wait_for_port() {
  local host="$1" port="$2" timeout_s="${3:-60}"
  local deadline=$((SECONDS + timeout_s))
  until icr_port_open "$host" "$port"; do
    if ((SECONDS >= deadline)); then
      icr_log "timed out after ${timeout_s}s waiting for $host:$port"
      return 1
    fi
    sleep 0.5
  done
}

# icr_free_port  -- print a TCP port that nothing listens on (random, 20000-59999)
icr_free_port() {
  local port i
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! icr_port_open 127.0.0.1 "$port"; then
      echo "$port"
      return 0
    fi
  done
  icr_log "no free port found"
  return 1
}
