package org.integratedcommunities.referrals.queryside.live;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.queryside.web.LiveQueries;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Live updates of the caller's inbox as server-sent events: first an {@code inbox} event ({@link InboxSnapshot}), then
 * an {@code inbox-changed} event ({@link InboxChanged}) whenever a referral the caller's agency receives changes, and a
 * comment every 15 s so that proxies keep the connection open. Scoped to the caller's agency, partnership and role by
 * {@link InboxUpdatesQuery}.
 */
@RestController
class LiveInboxController {

    static final String PATH = "/api/inbox/updates";
    /** The web UI's own address of the stream, beside its inbox page. */
    static final String UI_PATH = "/inbox/updates";

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long a client waits before reconnecting after the connection drops (the SSE {@code retry} field). */
    static final Duration RECONNECT_AFTER = Duration.ofSeconds(5);

    private final LiveQueries live;

    LiveInboxController(LiveQueries live) {
        this.live = live;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live updates of your agency's inbox (server-sent events)", description = """
                    First an `inbox` event with the inbox's counts (`openReferrals`, `awaitingAcceptance`, `at`), \
                    then an `inbox-changed` event (`referralId`, `change`, `at`) whenever a referral your agency \
                    received changes: `RAISED`, `ACCEPTED`, `INFORMATION_PROVIDED`, `ACKNOWLEDGEMENT_OVERDUE`, ..., \
                    `REDIRECTED` to your agency or `REDIRECTED_AWAY` from it. A notification only: read the referral \
                    through `/api/referrals` for what it is now. A comment line every 15 seconds keeps the \
                    connection open. Only your own agency's inbox, in your own partnership; a safeguarding-restricted \
                    referral only for the safeguarding lead. The stream ends when the access token it was opened with \
                    expires: reconnect with a fresh one. On reconnecting you get a fresh `inbox` event; changes \
                    while you were away are not replayed.""")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream, open until you close it or your access token expires (then reconnect"
                    + " with a fresh token)",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string", example = """
                                    event:inbox
                                    retry:5000
                                    data:{"openReferrals":3,"awaitingAcceptance":1,"at":"2026-11-24T10:15:30Z"}

                                    event:inbox-changed
                                    data:{"referralId":"0b9c2f4e-6d1a-4c3b-9f7e-2a8d5e6f7a10","change":"ACCEPTED","at":"2026-11-24T10:16:02Z"}
                                    """)))
    Flux<ServerSentEvent<Object>> updates() {
        return CurrentActor.get().thenMany(untilTheTokenExpires());
    }

    /**
     * The same stream for the web UI's inbox page (its script, {@code /app/live-inbox.js}), on the UI's security chain:
     * the signed-in session's actor rather than a bearer token, so no token reaches the browser. It ends when the
     * session's access token expires; the browser then reconnects after {@link #RECONNECT_AFTER}, through the session,
     * which refreshes the token or asks the user to sign in again, so a session that has ended hears nothing more.
     */
    @Hidden
    @GetMapping(path = UI_PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> updatesForTheSignedInUser() {
        return untilTheTokenExpires();
    }

    /**
     * The caller's stream, ended when the token it was opened with expires: a token is checked once, when the stream
     * opens, so a stream left open would outlive a user whose access has since been ended at Keycloak.
     */
    private Flux<ServerSentEvent<Object>> untilTheTokenExpires() {
        return CurrentActor.authentication().flatMapMany(caller -> {
            Flux<ServerSentEvent<Object>> events = stream(caller.actor());
            Instant expiresAt = caller.getToken().getExpiresAt();
            if (expiresAt == null) {
                return events;
            }
            Duration left = Duration.between(Instant.now(), expiresAt);
            return events.take(left.isNegative() ? Duration.ZERO : left);
        });
    }

    private Flux<ServerSentEvent<Object>> stream(Actor actor) {
        return live.subscribe(
                        new InboxUpdatesQuery(actor),
                        InboxSnapshot.class,
                        InboxChanged.class,
                        snapshot -> ServerSentEvent.<Object>builder(snapshot)
                                .event("inbox")
                                .retry(RECONNECT_AFTER)
                                .build(),
                        change -> ServerSentEvent.<Object>builder(change)
                                .event("inbox-changed")
                                .build())
                .publish(events -> Flux.merge(events, heartbeats().takeUntilOther(events.ignoreElements())));
    }

    private static Flux<ServerSentEvent<Object>> heartbeats() {
        return Flux.interval(HEARTBEAT)
                .map(tick ->
                        ServerSentEvent.<Object>builder().comment("heartbeat").build());
    }
}
