package org.integratedcommunities.referrals.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.integratedcommunities.referrals.testsupport.KeycloakTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The referral loop from the outside: real Keycloak tokens, the two packaged applications as separate processes, a
 * fresh PostgreSQL database. A caseworker opens a case, records consent and raises a referral on the command side; it
 * reaches the query side's read model; the receiving agency works it to an outcome which the referrer sees; a third
 * agency and the other partnership get 404 throughout.
 */
class ReferralSliceEndToEndTest {

    private static PlatformUnderTest platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = PlatformUnderTest.get();
    }

    @Test
    void theReferralLoopClosesAndOnlyTheTwoAgenciesEverSeeIt() throws Exception {
        String referrer = platform.keycloak.accessToken("bradford-council-caseworker");
        String receiver = platform.keycloak.accessToken("bradford-esol-worker");
        String thirdAgency = platform.keycloak.accessToken("bradford-jobcentre-worker");
        String otherPartnershipSameKind = platform.keycloak.accessToken("walsall-esol-worker");
        String otherPartnershipReferrer = platform.keycloak.accessToken("walsall-council-caseworker");

        String caseId = platform.openCaseWithConsent(referrer, "ESOL_PLACEMENT");
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrer,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = platform.read(raised).get("referralId").asText();

        awaitStatus(referralId, referrer, "RAISED");
        JsonNode seenByReferrer = platform.read(
                platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, referrer)));
        assertThat(seenByReferrer.get("type").asText()).isEqualTo("ESOL_PLACEMENT");
        assertThat(seenByReferrer.get("referringAgencyId").asText()).isEqualTo("bradford-council-integration");
        assertThat(seenByReferrer.get("receivingAgencyId").asText()).isEqualTo("bradford-esol");
        assertThat(seenByReferrer.get("partnershipId").asText()).isEqualTo("bradford");
        assertThat(platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, receiver))
                        .statusCode())
                .isEqualTo(200);
        assertThat(idsIn(platform.send(platform.get(platform.querySide, "/api/referrals?box=inbox", receiver))))
                .contains(referralId);
        assertNoOutsiderSees(referralId, List.of(thirdAgency, otherPartnershipSameKind, otherPartnershipReferrer));

        step(referralId, "acceptance", receiver, "{}");
        step(referralId, "outcome", receiver, """
                {"outcome": {"kind": "ESOL_PLACEMENT", "result": "PLACED_ON_COURSE", "level": "ENTRY_2",
                             "courseStart": "2027-01-11"}}
                """);
        awaitStatus(referralId, referrer, "OUTCOME_RECORDED");
        assertThat(idsIn(platform.send(platform.get(platform.querySide, "/api/referrals?box=outbox", referrer))))
                .contains(referralId);

        HttpResponse<String> outsiderAccepts = platform.send(
                platform.post(platform.commandSide, "/api/referrals/" + referralId + "/closure", thirdAgency, ""));
        assertThat(outsiderAccepts.statusCode())
                .as("a third agency cannot act on it either")
                .isEqualTo(404);
        assertNoOutsiderSees(referralId, List.of(thirdAgency, otherPartnershipSameKind, otherPartnershipReferrer));
    }

    @Test
    void theReceivingAgencyRefersThePersonOnAfterTheOutcome() throws Exception {
        String referrer = platform.keycloak.accessToken("bradford-council-caseworker");
        String esol = platform.keycloak.accessToken("bradford-esol-worker");
        String jobcentre = platform.keycloak.accessToken("bradford-jobcentre-worker");
        String caseId = platform.openCaseWithConsent(referrer, "ESOL_PLACEMENT", "EMPLOYMENT_SUPPORT");
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrer,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        String parentId = platform.read(raised).get("referralId").asText();
        step(parentId, "acceptance", esol, "{}");
        step(
                parentId,
                "outcome",
                esol,
                "{\"outcome\": {\"kind\": \"ESOL_PLACEMENT\", \"result\": \"ASSESSED\", \"level\": \"ENTRY_3\"}}");

        HttpResponse<String> onward = platform.send(platform.post(
                platform.commandSide, "/api/referrals/" + parentId + "/onward-referrals", esol, """
                {"type": "EMPLOYMENT_SUPPORT", "caseId": "%s", "receivingAgencyId": "bradford-jobcentre",
                 "facts": {"kind": "EMPLOYMENT_SUPPORT", "barriers": ["ENGLISH_LEVEL"], "programmes": ["TRAINING"]},
                 "particulars": {"kind": "EMPLOYMENT_SUPPORT", "employmentGoal": "Retail work"}}
                """.formatted(caseId)));
        assertThat(onward.statusCode()).as(onward.body()).isEqualTo(201);
        String childId = platform.read(onward).get("referralId").asText();

        awaitStatus(childId, jobcentre, "RAISED");
        assertThat(idsIn(platform.send(platform.get(platform.querySide, "/api/referrals?box=outbox", esol))))
                .as("the ESOL provider referred on, so the new referral is in its outbox")
                .contains(childId);
        HttpResponse<String> notTheirsToReferOn = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals/" + parentId + "/onward-referrals",
                jobcentre,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        assertThat(notTheirsToReferOn.statusCode()).isEqualTo(404);
    }

    @Test
    void withdrawingConsentSuspendsTheReferralsThatReliedOnItAndTheReceiverSeesIt() throws Exception {
        String referrer = platform.keycloak.accessToken("bradford-council-caseworker");
        String receiver = platform.keycloak.accessToken("bradford-esol-worker");
        String caseId = platform.openCaseWithConsent(referrer, "ESOL_PLACEMENT");
        HttpResponse<String> raised = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrer,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String referralId = platform.read(raised).get("referralId").asText();
        step(referralId, "acceptance", receiver, "{}");

        HttpResponse<String> withdrawn = platform.send(
                platform.post(platform.commandSide, "/api/cases/" + caseId + "/consent-withdrawal", referrer, ""));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(204);

        awaitStatus(referralId, receiver, "SUSPENDED");
        HttpResponse<String> progress = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals/" + referralId + "/progress",
                receiver,
                "{\"note\": \"Called her\"}"));
        assertThat(progress.statusCode())
                .as("a suspended referral cannot be worked")
                .isEqualTo(409);
        HttpResponse<String> again = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                referrer,
                PlatformUnderTest.esolReferral(caseId, "bradford-esol")));
        assertThat(again.statusCode()).as("no new sharing without consent").isEqualTo(422);
    }

    @Test
    void missingExpiredOrForeignTokensAreRefusedByBothApis() throws Exception {
        KeycloakTokens keycloak = platform.keycloak;
        String expiring =
                keycloak.passwordGrant("icr-dev-expiring", "bradford-esol-worker", KeycloakTokens.DEMO_PASSWORD);
        String foreignAudience =
                keycloak.passwordGrant("icr-dev-foreign", "bradford-esol-worker", KeycloakTokens.DEMO_PASSWORD);
        String valid = keycloak.accessToken("bradford-esol-worker");
        String badSignature = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ";

        long expiresAt = keycloak.claims(expiring).get("exp").asLong();
        Duration untilExpired = Duration.between(Instant.now(), Instant.ofEpochSecond(expiresAt + 1));
        if (!untilExpired.isNegative()) {
            Thread.sleep(untilExpired.toMillis());
        }

        List<HttpRequest> requests = new ArrayList<>();
        for (String token : new String[] {null, expiring, foreignAudience, badSignature}) {
            requests.add(platform.get(platform.querySide, "/api/referrals?box=inbox", token));
            requests.add(platform.post(platform.commandSide, "/api/cases", token, "{}"));
        }
        for (HttpRequest request : requests) {
            HttpResponse<String> response = platform.send(request);
            assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(platform.send(platform.get(platform.querySide, "/api/referrals?box=inbox", valid))
                        .statusCode())
                .as("the same user's valid token is accepted")
                .isEqualTo(200);
    }

    @Test
    void rolesThatMayNotRaiseReferralsAreForbidden() throws Exception {
        String coordinator = platform.keycloak.accessToken("bradford-coordinator");
        HttpResponse<String> response = platform.send(platform.post(
                platform.commandSide,
                "/api/referrals",
                coordinator,
                PlatformUnderTest.esolReferral(UUID.randomUUID().toString(), "bradford-esol")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void step(String referralId, String step, String token, String body) throws Exception {
        HttpResponse<String> response = platform.send(
                platform.post(platform.commandSide, "/api/referrals/" + referralId + "/" + step, token, body));
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(204);
    }

    private void awaitStatus(String referralId, String token, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<String> detail =
                            platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, token));
                    return detail.statusCode() == 200
                            && platform.read(detail).get("status").asText().equals(status);
                });
    }

    private void assertNoOutsiderSees(String referralId, List<String> outsiders) throws Exception {
        for (String outsider : outsiders) {
            HttpResponse<String> detail =
                    platform.send(platform.get(platform.querySide, "/api/referrals/" + referralId, outsider));
            assertThat(detail.statusCode()).isEqualTo(404);
            assertThat(detail.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            String unknownId = UUID.randomUUID().toString();
            HttpResponse<String> unknown =
                    platform.send(platform.get(platform.querySide, "/api/referrals/" + unknownId, outsider));
            assertThat(detail.body().replace(referralId, "<id>"))
                    .as("an outsider cannot tell this referral from one that does not exist")
                    .isEqualTo(unknown.body().replace(unknownId, "<id>"));
            for (String box : List.of("inbox", "outbox", "all")) {
                assertThat(idsIn(
                                platform.send(platform.get(platform.querySide, "/api/referrals?box=" + box, outsider))))
                        .doesNotContain(referralId);
            }
        }
    }

    private List<String> idsIn(HttpResponse<String> list) throws Exception {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        platform.read(list)
                .get("items")
                .forEach(summary -> ids.add(summary.get("referralId").asText()));
        return ids;
    }
}
