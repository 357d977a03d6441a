#!/usr/bin/env bash
# Proves infra/lib/postgres.sh:
#   - embedded fallback: nothing answers on the probe port -> embedded PostgreSQL starts, database
#     icr is created, data survives a stop/start, pg_stop_if_started stops only what it started;
#   - a second shell reuses the running embedded server and leaves it alone;
#   - the JDBC SQL client (used where no psql exists) works;
#   - local-server: with the default probe 127.0.0.1:5432 answering, ICR_DB_KIND=local-server.
# Runs in a temporary ICR_LOCAL (the Maven repository keeps caching the binaries' jar).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/icr-pg-test.XXXXXX")"
chmod 755 "$tmp"   # the unprivileged uid that runs PostgreSQL (when we are root) must reach it
export ICR_LOCAL="$tmp/local"
unset ICR_DB_URL ICR_DB_USER ICR_DB_PASSWORD ICR_DB_ADMIN_URL ICR_DB_HOST ICR_DB_PORT ICR_DB_KIND _ICR_PG_AUTO_URL ICR_DB_NAME \
  ICR_PG_DIR ICR_PG_CLIENT ICR_PG_PROBE_HOST ICR_EMBEDDED_PG_VERSION

# shellcheck source=../lib/postgres.sh
source "$here/../lib/postgres.sh"

passed=0 failed=0
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    echo "PASS: $1"
    passed=$((passed + 1))
  else
    echo "FAIL: $1 (expected '$2', got '$3')"
    failed=$((failed + 1))
  fi
}

cleanup() {
  pg_stop_if_started || true
  # safety net: never leave a server from this test running
  if [[ -f "$ICR_LOCAL/postgres/data/postmaster.pid" ]]; then
    _pg_as_owner "$(_pg_bin_dir)/pg_ctl" -D "$ICR_LOCAL/postgres/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

probe_port="$(icr_free_port)"
embedded_port="$(icr_free_port)"
while [[ "$embedded_port" == "$probe_port" ]]; do embedded_port="$(icr_free_port)"; done
export ICR_PG_PROBE_PORT="$probe_port" ICR_EMBEDDED_PG_PORT="$embedded_port"
echo "ICR_LOCAL=$ICR_LOCAL probe port=$probe_port (nothing there) embedded port=$embedded_port client=$(_pg_client)"

# ---- 1. first start: download/extract, initdb, create database icr
pg_ensure
check "ICR_DB_KIND is embedded" embedded "$ICR_DB_KIND"
check "ICR_DB_URL" "jdbc:postgresql://127.0.0.1:$embedded_port/icr" "$ICR_DB_URL"
check "ICR_DB_ADMIN_URL" "jdbc:postgresql://127.0.0.1:$embedded_port/postgres" "$ICR_DB_ADMIN_URL"
check "ICR_DB_HOST/PORT/USER/PASSWORD" "127.0.0.1 $embedded_port postgres <>" "$ICR_DB_HOST $ICR_DB_PORT $ICR_DB_USER <$ICR_DB_PASSWORD>"
check "server is PostgreSQL 17" 17 "$(pg_psql "SHOW server_version" | cut -d. -f1)"
check "connected to database icr" icr "$(pg_psql "SELECT current_database()")"
check "encoding UTF8, collation C" "UTF8|C" "$(pg_psql "SELECT pg_encoding_to_char(encoding), datcollate FROM pg_database WHERE datname = 'icr'")"
check "superuser is postgres" "postgres|t" "$(pg_psql "SELECT rolname, rolsuper FROM pg_roles WHERE rolname = current_user")"
check "listens on 127.0.0.1 only" "127.0.0.1" "$(pg_psql "SHOW listen_addresses")"
check "log written to \$ICR_LOCAL/logs/postgres.log" yes "$([[ -s "$ICR_LOCAL/logs/postgres.log" ]] && echo yes || echo no)"
if ((EUID == 0)); then
  check "server runs as uid ${ICR_PG_RUN_UID:-65534}, not root" "${ICR_PG_RUN_UID:-65534}" \
    "$(stat -c %u "/proc/$(sed -n 1p "$ICR_LOCAL/postgres/data/postmaster.pid")")"
fi
pg_psql "CREATE TABLE kept (id int PRIMARY KEY, note text); INSERT INTO kept VALUES (1, 'survives restarts')"
check "row inserted" "1|survives restarts" "$(pg_psql "SELECT id, note FROM kept")"

# ---- 2. another shell reuses the running server and does not stop it
child="$(bash -c 'set -euo pipefail; source "$1/../lib/postgres.sh"; pg_ensure; pg_stop_if_started; echo "$ICR_DB_KIND $ICR_DB_PORT"' _ "$here" 2>/dev/null)"
check "a second shell reuses the running embedded server" "embedded $embedded_port" "$child"
check "the second shell's pg_stop_if_started left it running" "1|survives restarts" "$(pg_psql "SELECT id, note FROM kept")"

# ---- 3. the JDBC client (for machines without psql)
check "JDBC SQL client reads the row" "1|survives restarts" "$(ICR_PG_CLIENT=jdbc pg_psql "SELECT id, note FROM kept")"
check "JDBC SQL client reads SQL from stdin" "2" "$(echo "SELECT 1 + 1" | ICR_PG_CLIENT=jdbc pg_psql)"

# ---- 4. stop, start again, read back (data folder kept)
pg_stop_if_started
check "stopped (port closed)" closed "$(icr_port_open 127.0.0.1 "$embedded_port" && echo open || echo closed)"
pg_ensure
check "restarted: ICR_DB_KIND is embedded (an exported ICR_DB_URL from pg_ensure is not 'configured')" embedded "$ICR_DB_KIND"
check "row read back after restart" "1|survives restarts" "$(pg_psql "SELECT id, note FROM kept")"

# ---- 5. another database through the JDBC client path (creation without psql)
ICR_PG_CLIENT=jdbc pg_ensure icr_other
check "pg_ensure icr_other created it (JDBC client)" icr_other "$(pg_psql "SELECT current_database()")"
pg_ensure
pg_stop_if_started
check "stopped again" closed "$(icr_port_open 127.0.0.1 "$embedded_port" && echo open || echo closed)"
check "no postmaster.pid left" absent "$([[ -f "$ICR_LOCAL/postgres/data/postmaster.pid" ]] && echo present || echo absent)"

# ---- 6. configured: an ICR_DB_URL set by the caller is used as is
configured="$(ICR_DB_URL="jdbc:postgresql://db.example:6543/app?sslmode=disable" ICR_DB_USER=app \
  bash -c 'source "$1/../lib/postgres.sh"; pg_ensure; echo "$ICR_DB_KIND $ICR_DB_HOST $ICR_DB_PORT $ICR_DB_USER $ICR_DB_ADMIN_URL"' _ "$here" 2>/dev/null)"
check "configured URL used as is" "configured db.example 6543 app jdbc:postgresql://db.example:6543/postgres?sslmode=disable" "$configured"

# ---- 7. local-server: default probe 127.0.0.1:5432
if icr_port_open 127.0.0.1 5432; then
  local_server="$(env -u ICR_PG_PROBE_PORT -u ICR_DB_URL -u _ICR_PG_AUTO_URL bash -c \
    'set -euo pipefail; source "$1/../lib/postgres.sh"; pg_ensure; echo "$ICR_DB_KIND $ICR_DB_URL $ICR_DB_USER $(pg_psql "SELECT current_database()")"' _ "$here" 2>/dev/null)"
  check "default probe finds the local server" "local-server jdbc:postgresql://127.0.0.1:5432/icr postgres icr" "$local_server"
else
  echo "SKIP: nothing answers on 127.0.0.1:5432, local-server case not checked"
fi

echo "embedded-postgres-test: $passed passed, $failed failed"
((failed == 0))
