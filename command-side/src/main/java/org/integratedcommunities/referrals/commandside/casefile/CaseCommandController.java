package org.integratedcommunities.referrals.commandside.casefile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.integratedcommunities.referrals.commandside.web.CommandRequests;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.ConsentDetails;
import org.integratedcommunities.referrals.kernel.casefile.EraseCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.OpenCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.casefile.RecordLawfulBasisCommand;
import org.integratedcommunities.referrals.kernel.casefile.WithdrawConsentCommand;
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

/** Cases: open one for a person, record the lawful basis for sharing, withdraw consent, erase. */
@RestController
@RequestMapping("/api/cases")
class CaseCommandController {

    private static final String KEY = "Idempotency-Key";

    private final CommandRequests requests;

    CaseCommandController(CommandRequests requests) {
        this.requests = requests;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OpenedCase> open(
            @Valid @RequestBody OpenCaseRequest request, @RequestHeader(name = KEY, required = false) String key) {
        return requests.create(
                "POST /api/cases",
                request,
                key,
                id -> new OpenCaseCommand(new CaseId(id), request.person()),
                id -> new OpenedCase(new CaseId(id)));
    }

    @PostMapping("/{caseId}/lawful-bases")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> recordLawfulBasis(
            @PathVariable String caseId,
            @Valid @RequestBody LawfulBasisRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        CaseId id = CommandRequests.parseId(caseId, CaseId::parse);
        Long version = CommandRequests.expectedVersion(ifMatch);
        return requests.update(
                "POST /api/cases/" + caseId + "/lawful-bases",
                request,
                key,
                () -> new RecordLawfulBasisCommand(id, version, request.basis(), request.consent()));
    }

    @PostMapping("/{caseId}/consent-withdrawal")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> withdrawConsent(
            @PathVariable String caseId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = KEY, required = false) String key) {
        CaseId id = CommandRequests.parseId(caseId, CaseId::parse);
        Long version = CommandRequests.expectedVersion(ifMatch);
        return requests.update(
                "POST /api/cases/" + caseId + "/consent-withdrawal",
                "",
                key,
                () -> new WithdrawConsentCommand(id, version));
    }

    @PostMapping("/{caseId}/erasure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> erase(@PathVariable String caseId, @RequestHeader(name = KEY, required = false) String key) {
        CaseId id = CommandRequests.parseId(caseId, CaseId::parse);
        return requests.update("POST /api/cases/" + caseId + "/erasure", "", key, () -> new EraseCaseCommand(id));
    }

    record OpenCaseRequest(@NotNull @Valid PersonDetails person) {}

    record OpenedCase(CaseId caseId) {}

    record LawfulBasisRequest(
            @NotNull LawfulBasis basis, @Valid ConsentDetails consent) {}
}
