# shellcheck shell=bash
#
# Keycloak for local runs and tests, without Docker. Source this file; do not execute it.
#
#   kc_ensure            reuse a Keycloak that already serves realm "icr" on ICR_KEYCLOAK_PORT,
#                        otherwise fetch (Maven), unpack, build once and start one with the realm
#                        imported fresh from keycloak-realm/realm/icr-realm.json
#   kc_stop_if_started   stop the Keycloak that kc_ensure started in this shell (nothing otherwise)
#
# Settings (environment):
#   ICR_ROOT                       repository root (default: two folders above this file)
#   ICR_LOCAL                      git-ignored runtime folder (default "$ICR_ROOT/.local"): Keycloak is
#                                  unpacked into ICR_LOCAL/keycloak, logs go to ICR_LOCAL/logs/keycloak.log
#   ICR_KEYCLOAK_PORT              HTTP port (default 8180); the issuer is http://localhost:PORT/realms/icr
#   ICR_KEYCLOAK_MANAGEMENT_PORT   management port serving /health/ready (default 9180)
#   ICR_KEYCLOAK_START_TIMEOUT     seconds to wait for readiness (default 180)
#
# The server runs in its own session (setsid), so Ctrl-C in the calling terminal does not reach it:
# callers should `trap kc_stop_if_started EXIT`. The bootstrap admin is admin/admin (master realm):
# local development and tests only.
#
# Safe under `set -euo pipefail`. Functions return non-zero (never exit) on failure.

ICR_KEYCLOAK_VERSION="${ICR_KEYCLOAK_VERSION:-26.7.3}"
# PID (also the process group id) of the Keycloak that kc_ensure started; empty when it reused one.
ICR_KEYCLOAK_STARTED_PID="${ICR_KEYCLOAK_STARTED_PID:-}"

_kc_log() { printf '[keycloak] %s\n' "$*" >&2; }

_kc_root() {
    if [[ -n "${ICR_ROOT:-}" ]]; then
        printf '%s\n' "$ICR_ROOT"
    else
        (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
    fi
}

_kc_local() { printf '%s\n' "${ICR_LOCAL:-$(_kc_root)/.local}"; }

_kc_port() { printf '%s\n' "${ICR_KEYCLOAK_PORT:-8180}"; }
_kc_mgmt_port() { printf '%s\n' "${ICR_KEYCLOAK_MANAGEMENT_PORT:-9180}"; }
_kc_discovery_url() { printf 'http://localhost:%s/realms/icr/.well-known/openid-configuration\n' "$(_kc_port)"; }

# HTTP status of a GET ("000" when nothing answers).
_kc_http_status() {
    curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$1" 2>/dev/null || true
}

# True while the process exists and is not a zombie.
_kc_alive() {
    local pid="$1" stat
    [[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
    stat="$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null || true)"
    [[ -n "$stat" && "$stat" != "Z" ]]
}

# True while any non-zombie process is left in the process group.
_kc_group_alive() {
    local member
    for member in $(pgrep -g "$1" 2>/dev/null || true); do
        if _kc_alive "$member"; then return 0; fi
    done
    return 1
}

# Downloads (through Maven), unpacks and builds Keycloak once. Prints KC_HOME.
_kc_install() {
    local root local_dir base home zip tmp
    root="$(_kc_root)"
    local_dir="$(_kc_local)"
    base="$local_dir/keycloak"
    home="$base/keycloak-$ICR_KEYCLOAK_VERSION"
    mkdir -p "$base"
    if [[ ! -x "$home/bin/kc.sh" ]]; then
        zip="$base/download/keycloak-quarkus-dist-$ICR_KEYCLOAK_VERSION.zip"
        if [[ ! -f "$zip" ]]; then
            _kc_log "fetching org.keycloak:keycloak-quarkus-dist:$ICR_KEYCLOAK_VERSION:zip through Maven"
            "$root/mvnw" -q -B -N -f "$root/pom.xml" dependency:copy \
                "-Dartifact=org.keycloak:keycloak-quarkus-dist:$ICR_KEYCLOAK_VERSION:zip" \
                "-DoutputDirectory=$base/download" >&2 || {
                _kc_log "ERROR: could not fetch Keycloak $ICR_KEYCLOAK_VERSION through Maven"
                return 1
            }
        fi
        _kc_log "unpacking Keycloak into $home"
        tmp="$base/.unpack.$$"
        rm -rf "$tmp"
        mkdir -p "$tmp"
        unzip -q "$zip" -d "$tmp" || {
            rm -rf "$tmp"
            _kc_log "ERROR: could not unpack $zip"
            return 1
        }
        rm -rf "$home"
        mv "$tmp/keycloak-$ICR_KEYCLOAK_VERSION" "$home"
        rm -rf "$tmp" "$base/download"
    fi
    local build_opts="--health-enabled=true"
    if [[ "$(cat "$home/.icr-build" 2>/dev/null || true)" != "$build_opts" ]]; then
        _kc_log "building Keycloak ($build_opts), once; this takes about a minute"
        mkdir -p "$local_dir/logs"
        # shellcheck disable=SC2086
        if ! "$home/bin/kc.sh" build $build_opts </dev/null >"$local_dir/logs/keycloak-build.log" 2>&1; then
            _kc_log "ERROR: 'kc.sh build' failed; see $local_dir/logs/keycloak-build.log"
            return 1
        fi
        printf '%s\n' "$build_opts" >"$home/.icr-build"
    fi
    printf '%s\n' "$home"
}

kc_ensure() {
    local port mgmt discovery status root local_dir home realm_json log pid_file pid
    port="$(_kc_port)"
    mgmt="$(_kc_mgmt_port)"
    discovery="$(_kc_discovery_url)"

    status="$(_kc_http_status "$discovery")"
    if [[ "$status" == "200" ]]; then
        if [[ -n "$ICR_KEYCLOAK_STARTED_PID" ]] && _kc_alive "$ICR_KEYCLOAK_STARTED_PID"; then
            _kc_log "Keycloak already started by this shell (pid $ICR_KEYCLOAK_STARTED_PID) serves realm icr at http://localhost:$port"
        else
            _kc_log "using the Keycloak already serving realm icr at http://localhost:$port (not started here, will not be stopped)"
        fi
        return 0
    fi
    if [[ "$status" != "000" ]]; then
        _kc_log "ERROR: something answers on port $port but does not serve realm icr (HTTP $status for $discovery);"
        _kc_log "       stop it, import keycloak-realm/realm/icr-realm.json into it, or set ICR_KEYCLOAK_PORT"
        return 1
    fi
    if [[ "$(_kc_http_status "http://localhost:$mgmt/health/ready")" != "000" ]]; then
        _kc_log "ERROR: the Keycloak management port $mgmt is taken by another process; set ICR_KEYCLOAK_MANAGEMENT_PORT"
        return 1
    fi
    if ! command -v java >/dev/null 2>&1; then
        _kc_log "ERROR: java not found on PATH (Keycloak needs JDK 17 or later)"
        return 1
    fi

    root="$(_kc_root)"
    local_dir="$(_kc_local)"
    home="$(_kc_install)" || return 1
    realm_json="$root/keycloak-realm/realm/icr-realm.json"
    [[ -f "$realm_json" ]] || {
        _kc_log "ERROR: realm file $realm_json is missing"
        return 1
    }

    # A fresh database every start: import skips a realm that already exists, so a kept
    # database would silently ignore edits to the realm JSON.
    rm -rf "$home/data/h2" "$home/data/transaction-logs" "$home/data/import"
    mkdir -p "$home/data/import" "$local_dir/logs"
    cp "$realm_json" "$home/data/import/icr-realm.json"

    log="$local_dir/logs/keycloak.log"
    pid_file="$local_dir/keycloak/keycloak.pid"
    rm -f "$pid_file"
    _kc_log "starting Keycloak $ICR_KEYCLOAK_VERSION on http://localhost:$port (management $mgmt), log: $log"
    # setsid: own session and process group, so the whole tree can be stopped by that id.
    # The inner shell records its PID before exec'ing kc.sh, which forwards SIGTERM to java.
    # shellcheck disable=SC2016 # $$ and "$@" belong to the inner shell
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
        setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' kc-launcher "$pid_file" \
        "$home/bin/kc.sh" start --optimized \
        --http-enabled=true --http-port="$port" --hostname="http://localhost:$port" \
        --http-management-port="$mgmt" --cache=local --import-realm \
        </dev/null >"$log" 2>&1 &
    local launcher=$!

    local waited=0
    while [[ ! -s "$pid_file" && $waited -lt 50 ]]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [[ -z "$pid" ]]; then
        _kc_log "ERROR: Keycloak did not start; see $log"
        wait "$launcher" 2>/dev/null || true
        return 1
    fi
    ICR_KEYCLOAK_STARTED_PID="$pid"
    ICR_KEYCLOAK_LAUNCHER_PID="$launcher"

    local timeout="${ICR_KEYCLOAK_START_TIMEOUT:-180}" start=$SECONDS
    while true; do
        # "started in N s" is logged before the server serves: poll real endpoints.
        if [[ "$(_kc_http_status "http://localhost:$mgmt/health/ready")" == "200" &&
            "$(_kc_http_status "$discovery")" == "200" ]]; then
            _kc_log "Keycloak ready after $((SECONDS - start)) s (pid $pid), issuer http://localhost:$port/realms/icr"
            return 0
        fi
        if ! _kc_alive "$pid"; then
            _kc_log "ERROR: Keycloak exited during start-up; last lines of $log:"
            tail -n 30 "$log" >&2 || true
            wait "$launcher" 2>/dev/null || true
            ICR_KEYCLOAK_STARTED_PID=""
            rm -f "$pid_file"
            return 1
        fi
        if ((SECONDS - start >= timeout)); then
            _kc_log "ERROR: Keycloak not ready after ${timeout} s (readiness http://localhost:$mgmt/health/ready, realm $discovery); see $log"
            tail -n 30 "$log" >&2 || true
            kc_stop_if_started || true
            return 1
        fi
        sleep 1
    done
}

kc_stop_if_started() {
    local pid="${ICR_KEYCLOAK_STARTED_PID:-}"
    [[ -n "$pid" ]] || return 0
    if _kc_group_alive "$pid"; then
        _kc_log "stopping Keycloak (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        local i=0
        # The whole process group (kc.sh and its java child) must be gone.
        while _kc_group_alive "$pid" && [[ $i -lt 150 ]]; do
            sleep 0.1
            i=$((i + 1))
        done
        if _kc_group_alive "$pid"; then
            _kc_log "Keycloak did not stop within 15 s; killing process group $pid"
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
    fi
    if [[ -n "${ICR_KEYCLOAK_LAUNCHER_PID:-}" ]]; then wait "$ICR_KEYCLOAK_LAUNCHER_PID" 2>/dev/null || true; fi
    rm -f "$(_kc_local)/keycloak/keycloak.pid"
    ICR_KEYCLOAK_STARTED_PID=""
    ICR_KEYCLOAK_LAUNCHER_PID=""
    return 0
}
