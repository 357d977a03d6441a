package org.integratedcommunities.referrals.commandside.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.BiFunction;
import org.integratedcommunities.referrals.commandside.web.CommandRequests;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.AcceptReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.AssignReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.CloseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.DeclineReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ProvideInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordLadoInformedCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordOutcomeCommand;
import org.integratedcommunities.referrals.kernel.referral.RecordProgressCommand;
import org.integratedcommunities.referrals.kernel.referral.RedirectReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferOnCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.ReturnReferralForInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.WithdrawReferralCommand;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Every step of a referral's lifecycle as an HTTP command. The actor (user, agency, partnership, roles) comes from
 * the bearer token. {@code If-Match} carries the version the client last saw (409 when it is stale);
 * {@code Idempotency-Key} makes a retry safe.
 */
@RestController
@RequestMapping("/api/referrals")
class ReferralCommandController {

    private static final String IF_MATCH = HttpHeaders.IF_MATCH;
    private static final String KEY = "Idempotency-Key";

    private final CommandRequests requests;

    ReferralCommandController(CommandRequests requests) {
        this.requests = requests;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RaisedReferral> raise(
            @Valid @RequestBody RaiseReferralRequest request, @RequestHeader(name = KEY, required = false) String key) {
        return requests.create(
                "POST /api/referrals",
                request,
                key,
                id -> request.toCommand(new ReferralId(id), null),
                id -> new RaisedReferral(new ReferralId(id)));
    }

    @PostMapping("/{referralId}/acceptance")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> accept(
            @PathVariable String referralId,
            @Valid @RequestBody(required = false) AcceptRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        AcceptRequest body = request == null ? new AcceptRequest(null) : request;
        return step(
                referralId,
                "acceptance",
                body,
                ifMatch,
                key,
                (id, version) -> new AcceptReferralCommand(
                        id, version, body.assignee() == null ? null : new UserId(body.assignee())));
    }

    @PostMapping("/{referralId}/assignment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> assign(
            @PathVariable String referralId,
            @Valid @RequestBody AssignRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "assignment",
                request,
                ifMatch,
                key,
                (id, version) -> new AssignReferralCommand(id, version, new UserId(request.assignee())));
    }

    @PostMapping("/{referralId}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> decline(
            @PathVariable String referralId,
            @Valid @RequestBody DeclineRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "decline",
                request,
                ifMatch,
                key,
                (id, version) -> new DeclineReferralCommand(id, version, request.reason(), request.explanation()));
    }

    @PostMapping("/{referralId}/information-request")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> returnForInformation(
            @PathVariable String referralId,
            @Valid @RequestBody QuestionRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "information-request",
                request,
                ifMatch,
                key,
                (id, version) -> new ReturnReferralForInformationCommand(id, version, request.question()));
    }

    @PostMapping("/{referralId}/information-response")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> provideInformation(
            @PathVariable String referralId,
            @Valid @RequestBody AnswerRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "information-response",
                request,
                ifMatch,
                key,
                (id, version) -> new ProvideInformationCommand(id, version, request.answer()));
    }

    @PostMapping("/{referralId}/redirection")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> redirect(
            @PathVariable String referralId,
            @Valid @RequestBody RedirectRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "redirection",
                request,
                ifMatch,
                key,
                (id, version) -> new RedirectReferralCommand(id, version, new AgencyId(request.receivingAgencyId())));
    }

    @PostMapping("/{referralId}/withdrawal")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> withdraw(
            @PathVariable String referralId,
            @Valid @RequestBody WithdrawRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "withdrawal",
                request,
                ifMatch,
                key,
                (id, version) -> new WithdrawReferralCommand(id, version, request.reason()));
    }

    @PostMapping("/{referralId}/progress")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> recordProgress(
            @PathVariable String referralId,
            @Valid @RequestBody ProgressRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "progress",
                request,
                ifMatch,
                key,
                (id, version) -> new RecordProgressCommand(id, version, request.note(), request.needsMet()));
    }

    @PostMapping("/{referralId}/outcome")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> recordOutcome(
            @PathVariable String referralId,
            @Valid @RequestBody OutcomeRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(
                referralId,
                "outcome",
                request,
                ifMatch,
                key,
                (id, version) -> new RecordOutcomeCommand(id, version, request.outcome(), request.note()));
    }

    @PostMapping("/{referralId}/closure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> close(
            @PathVariable String referralId,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(referralId, "closure", "", ifMatch, key, CloseReferralCommand::new);
    }

    @PostMapping("/{referralId}/lado-notification")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> recordLadoInformed(
            @PathVariable String referralId,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        return step(referralId, "lado-notification", "", ifMatch, key, RecordLadoInformedCommand::new);
    }

    /**
     * Refers the person on after the outcome: the parent records the onward referral, then the new referral is
     * raised by the actor's agency, linked to its parent.
     */
    @PostMapping("/{referralId}/onward-referrals")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RaisedReferral> referOn(
            @PathVariable String referralId,
            @Valid @RequestBody RaiseReferralRequest request,
            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        ReferralId parent = CommandRequests.parseId(referralId, ReferralId::parse);
        Long version = CommandRequests.expectedVersion(ifMatch);
        return requests.createWith(
                "POST /api/referrals/" + referralId + "/onward-referrals",
                request,
                key,
                (dispatcher, actor, idempotency, id) -> dispatcher
                        .send(
                                new ReferOnCommand(
                                        parent, version, new ReferralId(id), new AgencyId(request.receivingAgencyId())),
                                actor,
                                idempotency)
                        .then(dispatcher.send(
                                request.toCommand(new ReferralId(id), parent), actor, idempotency.forStep("raise"))),
                id -> new RaisedReferral(new ReferralId(id)));
    }

    private Mono<Void> step(
            String referralId,
            String step,
            Object body,
            String ifMatch,
            String key,
            BiFunction<ReferralId, Long, Object> command) {
        ReferralId id = CommandRequests.parseId(referralId, ReferralId::parse);
        Long version = CommandRequests.expectedVersion(ifMatch);
        return requests.update(
                "POST /api/referrals/" + referralId + "/" + step, body, key, () -> command.apply(id, version));
    }

    record RaiseReferralRequest(
            @NotNull ReferralType type,
            String caseId,
            @NotBlank @Size(max = 63) String receivingAgencyId,
            @NotNull @Valid ReferralFacts facts,
            @NotNull @Valid ReferralParticulars particulars,
            @PastOrPresent LocalDate madeOn) {

        RaiseReferralCommand toCommand(ReferralId referralId, ReferralId parent) {
            return new RaiseReferralCommand(
                    referralId,
                    type,
                    caseId == null || caseId.isBlank()
                            ? null
                            : CommandRequests.parseField("caseId", caseId, CaseId::parse),
                    CommandRequests.parseField("receivingAgencyId", receivingAgencyId, AgencyId::new),
                    facts,
                    particulars,
                    parent,
                    madeOn);
        }
    }

    record RaisedReferral(ReferralId referralId) {}

    record AcceptRequest(@Size(max = 64) String assignee) {}

    record AssignRequest(@NotBlank @Size(max = 64) String assignee) {}

    record DeclineRequest(
            @NotNull DeclineReason reason,
            @Size(max = ReferralParticulars.MAX_TEXT) String explanation) {}

    record QuestionRequest(
            @NotBlank @Size(max = ReferralParticulars.MAX_TEXT)
            String question) {}

    record AnswerRequest(
            @NotBlank @Size(max = ReferralParticulars.MAX_TEXT)
            String answer) {}

    record RedirectRequest(@NotBlank @Size(max = 63) String receivingAgencyId) {}

    record WithdrawRequest(
            @NotBlank @Size(max = ReferralParticulars.MAX_TEXT)
            String reason) {}

    record ProgressRequest(
            @Size(max = ReferralParticulars.MAX_TEXT) String note, Set<@NotNull MoveOnNeed> needsMet) {}

    record OutcomeRequest(
            @NotNull @Valid ReferralOutcome outcome,
            @Size(max = ReferralParticulars.MAX_TEXT) String note) {}
}
