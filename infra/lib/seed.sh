#!/usr/bin/env bash
# Demo data for the local platform, entered the way people would enter it: through the command API, signed in as the
# demo users of keycloak-realm/. Source it; do not run it.
#
#   seed_demo_data   in both partnerships: cases with consent (or another lawful basis) and referrals of all four types
#                    in every lifecycle state, some made days ago by phone so their acknowledgement SLA is breached.
#                    Skipped when the demo data is already there. Every request carries an Idempotency-Key, so a seed
#                    interrupted half-way completes on the next start without creating anything twice.
#
# Needs: the command side on ICR_COMMAND_SIDE_PORT, the query side on ICR_QUERY_SIDE_PORT, Keycloak on
# ICR_KEYCLOAK_PORT. All names are invented.

if [[ -n "${_ICR_SEED_SH:-}" ]]; then return 0; fi
_ICR_SEED_SH=1

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

declare -A _SEED_TOKENS=()
_SEED_VERSION=v1

# _seed_login USER...: fetches tokens into the cache (in this shell: command substitutions cannot fill it)
_seed_login() {
  local user
  for user in "$@"; do
    _SEED_TOKENS[$user]="$(_seed_token "$user")"
  done
}

_seed_token() {
  local user="$1"
  if [[ -z "${_SEED_TOKENS[$user]:-}" ]]; then
    _SEED_TOKENS[$user]="$(curl -s -d grant_type=password -d client_id=icr-dev-cli -d "username=$user" \
      -d password=demo-password "http://localhost:$ICR_KEYCLOAK_PORT/realms/icr/protocol/openid-connect/token" |
      sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
    [[ -n "${_SEED_TOKENS[$user]}" ]] || icr_die "demo seed: Keycloak gave no token for $user"
  fi
  printf '%s' "${_SEED_TOKENS[$user]}"
}

# _seed_post USER PATH KEY BODY: POST to the command API as USER; prints the answer's body; dies on an error.
_seed_post() {
  local user="$1" path="$2" key="$3" body="$4" answer status
  answer="$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $(_seed_token "$user")" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$_SEED_VERSION-$key" \
    -d "$body" "http://localhost:$ICR_COMMAND_SIDE_PORT$path")"
  status="$(tail -n 1 <<<"$answer")"
  if [[ "$status" != 2* ]]; then
    icr_die "demo seed: $user POST $path answered $status: $(head -n 1 <<<"$answer")"
  fi
  head -n 1 <<<"$answer"
}

_seed_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

_seed_days_ago() { date -u -d "-$1 days" +%F; }

# _seed_case USER KEY NAME BIRTHDATE LANGUAGE PURPOSES: opens a case with consent for PURPOSES (JSON array items)
_seed_case() {
  local user="$1" key="$2" name="$3" born="$4" language="$5" purposes="$6" case_id
  case_id="$(_seed_post "$user" /api/cases "$key" \
    "{\"person\":{\"fullName\":\"$name\",\"dateOfBirth\":\"$born\",\"preferredLanguage\":\"$language\",
      \"interpreterNeeded\":true,\"immigrationStatus\":\"REFUGEE_STATUS\"}}" | _seed_field caseId)"
  [[ -n "$case_id" ]] || icr_die "demo seed: no case id for $key"
  if [[ "$purposes" == PUBLIC_TASK ]]; then
    _seed_post "$user" "/api/cases/$case_id/lawful-bases" "$key-basis" '{"basis":"PUBLIC_TASK"}' >/dev/null
  else
    _seed_post "$user" "/api/cases/$case_id/lawful-bases" "$key-basis" \
      "{\"basis\":\"CONSENT\",\"consent\":{\"givenBy\":\"DATA_SUBJECT\",\"givenOn\":\"$(_seed_days_ago 30)\",
        \"purposes\":[$purposes]}}" >/dev/null
  fi
  printf '%s' "$case_id"
}

_seed_esol() { # CASE AGENCY [MADE_ON]
  local made=""
  [[ -n "${3:-}" ]] && made=",\"madeOn\":\"$3\""
  printf '%s' "{\"type\":\"ESOL_PLACEMENT\",\"caseId\":\"$1\",\"receivingAgencyId\":\"$2\"$made,
    \"facts\":{\"kind\":\"ESOL_PLACEMENT\",\"estimatedLevel\":\"ENTRY_1\",\"preferredModes\":[\"CLASSROOM\",\"COMMUNITY_CLASS\"],
               \"childcareNeeded\":true,\"mandatedByWorkCoach\":false},
    \"particulars\":{\"kind\":\"ESOL_PLACEMENT\",\"availability\":\"Weekday mornings during school hours\",
                     \"notes\":\"Has not studied English formally before\"}}"
}

_seed_employment() { # CASE AGENCY
  printf '%s' "{\"type\":\"EMPLOYMENT_SUPPORT\",\"caseId\":\"$1\",\"receivingAgencyId\":\"$2\",
    \"facts\":{\"kind\":\"EMPLOYMENT_SUPPORT\",\"barriers\":[\"ENGLISH_LEVEL\",\"QUALIFICATIONS_NOT_RECOGNISED\"],
               \"programmes\":[\"SECTOR_BASED_WORK_ACADEMY\",\"MENTORING_CIRCLE\"]},
    \"particulars\":{\"kind\":\"EMPLOYMENT_SUPPORT\",\"employmentGoal\":\"Work as a pharmacy assistant\",
                     \"notes\":\"Pharmacist qualification from abroad\"}}"
}

_seed_refugee() { # CASE AGENCY
  printf '%s' "{\"type\":\"REFUGEE_POST_GRANT\",\"caseId\":\"$1\",\"receivingAgencyId\":\"$2\",
    \"facts\":{\"kind\":\"REFUGEE_POST_GRANT\",\"grantDate\":\"$(_seed_days_ago 10)\",\"moveOnPeriodDays\":28,
               \"needs\":[\"UNIVERSAL_CREDIT_CLAIM\",\"HOUSING_APPLICATION\",\"BANK_ACCOUNT\",\"GP_REGISTRATION\"]},
    \"particulars\":{\"kind\":\"REFUGEE_POST_GRANT\",\"notes\":\"Single adult leaving asylum accommodation\"}}"
}

_seed_concern() { # AGENCY SETTING_TYPE CATEGORY ALLEGATION
  printf '%s' "{\"type\":\"OUT_OF_SCHOOL_SETTINGS_CONCERN\",\"receivingAgencyId\":\"$1\",
    \"facts\":{\"kind\":\"OUT_OF_SCHOOL_SETTINGS_CONCERN\",\"settingType\":\"$2\",\"settingSize\":\"SMALL\",
               \"categories\":[\"$3\"],\"childInImmediateDanger\":false,\"emergencyServicesCalled\":false,
               \"allegationAgainstStaffOrVolunteer\":$4,\"reporterAnonymous\":true},
    \"particulars\":{\"kind\":\"OUT_OF_SCHOOL_SETTINGS_CONCERN\",\"settingName\":\"Evening study club\",
                     \"description\":\"Concern reported by a parent at the school gate\"}}"
}

_seed_referral() { # USER KEY BODY: raises a referral, prints its id
  local id
  id="$(_seed_post "$1" /api/referrals "$2" "$3" | _seed_field referralId)"
  [[ -n "$id" ]] || icr_die "demo seed: no referral id for $2"
  printf '%s' "$id"
}

_seed_partnership() {
  local p="$1"; shift
  local names=("$@")
  local council="$p-council-caseworker" jobcentre_cw="$p-jobcentre-caseworker" esol="$p-esol-worker"
  local jobcentre="$p-jobcentre-worker" refugee="$p-refugee-worker" lead="$p-safeguarding-lead"
  local all='"ESOL_PLACEMENT","EMPLOYMENT_SUPPORT","REFUGEE_POST_GRANT"'
  local c1 c2 c3 c4 c5 r
  _seed_login "$council" "$jobcentre_cw" "$esol" "$jobcentre" "$refugee" "$lead"

  c1="$(_seed_case "$council" "$p-case-1" "${names[0]}" 1986-02-11 Dari "$all")"
  c2="$(_seed_case "$council" "$p-case-2" "${names[1]}" 1992-07-23 Arabic "$all")"
  c3="$(_seed_case "$jobcentre_cw" "$p-case-3" "${names[2]}" 1979-11-30 Tigrinya '"ESOL_PLACEMENT"')"
  c4="$(_seed_case "$council" "$p-case-4" "${names[3]}" 2001-04-05 Pashto PUBLIC_TASK)"
  c5="$(_seed_case "$council" "$p-case-5" "${names[4]}" 1995-09-17 Kurdish '"ESOL_PLACEMENT"')"

  # raised, waiting in the ESOL provider's inbox
  _seed_referral "$council" "$p-r1" "$(_seed_esol "$c1" "$p-esol")" >/dev/null
  # made by phone three weeks ago and never acknowledged: its SLA is breached
  _seed_referral "$council" "$p-r2" "$(_seed_esol "$c2" "$p-esol" "$(_seed_days_ago 20)")" >/dev/null
  _seed_referral "$jobcentre_cw" "$p-r3" "$(_seed_esol "$c3" "$p-esol" "$(_seed_days_ago 16)")" >/dev/null
  # accepted and in progress at the Jobcentre
  r="$(_seed_referral "$council" "$p-r4" "$(_seed_employment "$c1" "$p-jobcentre")")"
  _seed_post "$jobcentre" "/api/referrals/$r/acceptance" "$p-r4-accept" '{}' >/dev/null
  _seed_post "$jobcentre" "/api/referrals/$r/progress" "$p-r4-progress" \
    '{"note":"First mentoring session booked"}' >/dev/null
  # refugee move-on: two needs met, outcome recorded (the closed loop)
  r="$(_seed_referral "$council" "$p-r5" "$(_seed_refugee "$c2" "$p-refugee-charity")")"
  _seed_post "$refugee" "/api/referrals/$r/acceptance" "$p-r5-accept" '{}' >/dev/null
  _seed_post "$refugee" "/api/referrals/$r/progress" "$p-r5-progress" \
    '{"note":"Bank account opened, GP registration done","needsMet":["BANK_ACCOUNT","GP_REGISTRATION"]}' >/dev/null
  _seed_post "$refugee" "/api/referrals/$r/outcome" "$p-r5-outcome" \
    '{"outcome":{"kind":"REFUGEE_POST_GRANT","result":"SOME_NEEDS_MET","needsMet":["BANK_ACCOUNT","GP_REGISTRATION"]}}' >/dev/null
  # declined for capacity
  r="$(_seed_referral "$jobcentre_cw" "$p-r6" "$(_seed_esol "$c3" "$p-esol")")"
  _seed_post "$esol" "/api/referrals/$r/decline" "$p-r6-decline" '{"reason":"NO_CAPACITY"}' >/dev/null
  # returned to the referrer with a question
  r="$(_seed_referral "$council" "$p-r7" "$(_seed_employment "$c2" "$p-jobcentre")")"
  _seed_post "$jobcentre" "/api/referrals/$r/information-request" "$p-r7-question" \
    '{"question":"Is she able to attend sessions on Tuesday afternoons?"}' >/dev/null
  # placed on a course and closed
  r="$(_seed_referral "$council" "$p-r8" "$(_seed_esol "$c4" "$p-esol")")"
  _seed_post "$esol" "/api/referrals/$r/acceptance" "$p-r8-accept" '{}' >/dev/null
  _seed_post "$esol" "/api/referrals/$r/outcome" "$p-r8-outcome" \
    "{\"outcome\":{\"kind\":\"ESOL_PLACEMENT\",\"result\":\"PLACED_ON_COURSE\",\"level\":\"ENTRY_1\",
      \"courseStart\":\"$(_seed_days_ago 3)\"}}" >/dev/null
  _seed_post "$council" "/api/referrals/$r/closure" "$p-r8-close" '' >/dev/null
  # withdrawn by the referrer
  r="$(_seed_referral "$council" "$p-r9" "$(_seed_refugee "$c1" "$p-refugee-charity")")"
  _seed_post "$council" "/api/referrals/$r/withdrawal" "$p-r9-withdraw" \
    '{"reason":"Support arranged by family"}' >/dev/null
  # declined, then redirected to the refugee charity
  r="$(_seed_referral "$jobcentre_cw" "$p-r10" "$(_seed_esol "$c3" "$p-esol")")"
  _seed_post "$esol" "/api/referrals/$r/decline" "$p-r10-decline" '{"reason":"NOT_ELIGIBLE"}' >/dev/null
  _seed_post "$jobcentre_cw" "/api/referrals/$r/redirection" "$p-r10-redirect" \
    "{\"receivingAgencyId\":\"$p-refugee-charity\"}" >/dev/null
  # out-of-school concerns: an allegation against staff (LADO deadline), and a suspected illegal school
  _seed_referral "$council" "$p-r11" "$(_seed_concern "$p-oos-safeguarding" TUITION_CENTRE STAFF_SUITABILITY true)" >/dev/null
  r="$(_seed_referral "$council" "$p-r12" \
    "$(_seed_concern "$p-oos-safeguarding" SUSPECTED_UNREGISTERED_SCHOOL SUSPECTED_ILLEGAL_SCHOOL false)")"
  _seed_post "$lead" "/api/referrals/$r/acceptance" "$p-r12-accept" '{}' >/dev/null
  _seed_post "$lead" "/api/referrals/$r/outcome" "$p-r12-outcome" \
    '{"outcome":{"kind":"OUT_OF_SCHOOL_SETTINGS_CONCERN","actions":["JOINT_VISIT","REFERRED_TO_OFSTED"]}}' >/dev/null
  # consent withdrawn after the referral was accepted: the platform suspends it
  r="$(_seed_referral "$council" "$p-r13" "$(_seed_esol "$c5" "$p-esol")")"
  _seed_post "$esol" "/api/referrals/$r/acceptance" "$p-r13-accept" '{}' >/dev/null
  _seed_post "$council" "/api/cases/$c5/consent-withdrawal" "$p-case-5-withdraw" '' >/dev/null
}

_seed_already_there() {
  local outbox
  _seed_login bradford-council-caseworker
  outbox="$(curl -s -H "Authorization: Bearer $(_seed_token bradford-council-caseworker)" \
    "http://localhost:$ICR_QUERY_SIDE_PORT/api/referrals?box=outbox&size=1")"
  [[ "$outbox" == *referralId* ]]
}

seed_demo_data() {
  if _seed_already_there; then
    icr_log "demo data: already there (ICR_SEED_DEMO_DATA=false skips the check)"
    return 0
  fi
  icr_log "demo data: entering cases and referrals through the command API as the demo users"
  _seed_partnership bradford "Leyla Haddad" "Tomasz Nowicki" "Hamid Karimi" "Grace Mensah" "Yusuf Abdi"
  _seed_partnership walsall "Mariam Yousef" "Andrei Popescu" "Samira Osman" "Daniel Tesfaye" "Nasrin Rahimi"
  icr_log "demo data: 10 cases and 26 referrals in every state, in both partnerships"
}
