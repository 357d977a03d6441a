#!/usr/bin/env bash
# Proves README's run command from the outside, on the embedded PostgreSQL: with nothing listening where PostgreSQL is
# looked for, infra/run brings the platform up on the embedded server; a referral raised through the API is still
# there after Ctrl-C and a second start; the demo data is entered on the first start only; Ctrl-C stops every
# process the run started.
# Reuses a running Keycloak (infra/test starts one) and the jars already built.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=../lib/common.sh
source "$here/lib/common.sh"

work="$(mktemp -d /var/tmp/icr-run-smoke.XXXXXX)"
chmod 755 "$work"
run_pid=""
cleanup() {
  if [[ -n "$run_pid" ]] && kill -0 "$run_pid" 2>/dev/null; then
    kill -INT "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [[ -f "$work/run.out" ]] && tail -n 40 "$work/run.out" >&2
  exit 1
}
pass() { echo "PASS: $*"; }

export ICR_SKIP_BUILD=1
export ICR_PG_PROBE_PORT="$(icr_free_port)"     # nothing answers here: forces the embedded server
export ICR_EMBEDDED_PG_PORT="$(icr_free_port)"
export ICR_PG_DIR="$work/postgres"              # a fresh embedded data folder, kept across the two starts
export ICR_QUERY_SIDE_PORT="$(icr_free_port)"
export ICR_COMMAND_SIDE_PORT="$(icr_free_port)"
unset ICR_DB_URL ICR_DB_ADMIN_URL _ICR_PG_AUTO_URL
keycloak="http://localhost:${ICR_KEYCLOAK_PORT:-8180}"

start_platform() {
  # With job control on, the run is its own process group and does not ignore SIGINT (a script's background
  # jobs otherwise do), so it gets Ctrl-C from us exactly as from a terminal.
  set -m
  "$here/run" >"$work/run.out" 2>&1 &
  run_pid=$!
  set +m
  local deadline=$((SECONDS + 300))
  until grep -q "Platform is up" "$work/run.out"; do
    kill -0 "$run_pid" 2>/dev/null || fail "infra/run exited before the platform was up"
    ((SECONDS < deadline)) || fail "the platform was not up within 300 s"
    sleep 1
  done
}

stop_platform() {
  kill -INT "$run_pid"
  local i
  for ((i = 0; i < 600; i++)); do
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$run_pid" 2>/dev/null && fail "infra/run did not stop within 60 s of Ctrl-C"
  wait "$run_pid" 2>/dev/null || true
  run_pid=""
  for port in "$ICR_QUERY_SIDE_PORT" "$ICR_COMMAND_SIDE_PORT" "$ICR_EMBEDDED_PG_PORT"; do
    icr_port_open 127.0.0.1 "$port" && fail "port $port still open after Ctrl-C"
  done
  pass "Ctrl-C stopped the applications and the embedded PostgreSQL"
}

token() {
  curl -s -d grant_type=password -d client_id=icr-dev-cli -d username="$1" -d password=demo-password \
    "$keycloak/realms/icr/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

start_platform
grep -q "PostgreSQL (embedded)" "$work/run.out" || fail "the run did not report the embedded PostgreSQL"
pass "infra/run came up on the embedded PostgreSQL"
grep -q "demo data: 10 cases and 26 referrals" "$work/run.out" || fail "the first start did not enter the demo data"
esol_inbox="$(curl -s -H "Authorization: Bearer $(token bradford-esol-worker)" \
  "http://localhost:$ICR_QUERY_SIDE_PORT/api/referrals?box=inbox")"
[[ "$(grep -o '"referralId"' <<<"$esol_inbox" | wc -l)" -ge 5 ]] || fail "the ESOL provider's inbox is not alive: $esol_inbox"
pass "the first start entered the demo data: the ESOL provider's inbox is alive"
caseworker="$(token bradford-council-caseworker)"
[[ -n "$caseworker" ]] || fail "no token from Keycloak at $keycloak"
api() { # api TOKEN PATH BODY: POST to the command side, prints the body then the status on its own line
  curl -s -w '\n%{http_code}' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" \
    "http://localhost:$ICR_COMMAND_SIDE_PORT$2"
}
opened="$(api "$caseworker" /api/cases \
  '{"person":{"fullName":"Smoke Test","dateOfBirth":"1980-02-02","preferredLanguage":"Tigrinya"}}')"
[[ "$(tail -n 1 <<<"$opened")" == 201 ]] || fail "opening a case answered: $opened"
case_id="$(head -n 1 <<<"$opened" | sed -n 's/.*"caseId":"\([^"]*\)".*/\1/p')"
consent="$(api "$caseworker" "/api/cases/$case_id/lawful-bases" \
  '{"basis":"CONSENT","consent":{"givenBy":"DATA_SUBJECT","givenOn":"2026-11-01","purposes":["REFUGEE_POST_GRANT"]}}')"
[[ "$(tail -n 1 <<<"$consent")" == 204 ]] || fail "recording consent answered: $consent"
raised="$(api "$caseworker" /api/referrals "{\"type\":\"REFUGEE_POST_GRANT\",\"caseId\":\"$case_id\",
  \"receivingAgencyId\":\"bradford-refugee-charity\",
  \"facts\":{\"kind\":\"REFUGEE_POST_GRANT\",\"grantDate\":\"2026-11-02\",\"moveOnPeriodDays\":28,
             \"needs\":[\"BANK_ACCOUNT\"]},
  \"particulars\":{\"kind\":\"REFUGEE_POST_GRANT\",\"notes\":\"smoke\"}}")"
[[ "$(tail -n 1 <<<"$raised")" == 201 ]] || fail "raising a referral answered: $raised"
referral="$(head -n 1 <<<"$raised" | sed -n 's/.*"referralId":"\([^"]*\)".*/\1/p')"
pass "raised referral $referral"
stop_platform

start_platform
pass "infra/run started again on the same embedded data"
grep -q "demo data: already there" "$work/run.out" || fail "the second start did not notice the demo data"
pass "the second start left the demo data alone"
status=""
for ((i = 0; i < 60; i++)); do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(token bradford-refugee-worker)" \
    "http://localhost:$ICR_QUERY_SIDE_PORT/api/referrals/$referral")"
  [[ "$status" == 200 ]] && break
  sleep 1
done
[[ "$status" == 200 ]] || fail "the referral raised before the restart is not there after it (HTTP $status)"
pass "the referral raised before the restart is readable after it, by the receiving agency"
stop_platform
echo "run-smoke-test: all passed"
