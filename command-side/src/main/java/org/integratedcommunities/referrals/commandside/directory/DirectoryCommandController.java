package org.integratedcommunities.referrals.commandside.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.integratedcommunities.referrals.commandside.web.CommandRequests;
import org.integratedcommunities.referrals.kernel.directory.ChangeAgencyServicesCommand;
import org.integratedcommunities.referrals.kernel.directory.RegisterAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.RegisterPartnershipCommand;
import org.integratedcommunities.referrals.kernel.directory.RetireAgencyCommand;
import org.integratedcommunities.referrals.kernel.directory.SetAcknowledgementServiceLevelCommand;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The admin's partnership directory: agencies, the kinds of referral they take, acknowledgement service levels. Always
 * the admin's own partnership (from the token), never one named in the request.
 */
@RestController
@RequestMapping("/api/directory")
class DirectoryCommandController {

    private static final String KEY = "Idempotency-Key";

    private final CommandRequests requests;

    DirectoryCommandController(CommandRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/agencies")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RegisteredAgency> registerAgency(
            @Valid @RequestBody AgencyRequest request, @RequestHeader(name = KEY, required = false) String key) {
        return requests.updateFor(
                        "POST /api/directory/agencies",
                        request,
                        key,
                        actor -> new RegisterAgencyCommand(
                                actor.partnershipId(), request.agencyId(), request.name(), request.servicesOffered()))
                .then(Mono.fromSupplier(() -> new RegisteredAgency(request.agencyId())));
    }

    @PutMapping("/agencies/{agencyId}/services")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> changeServices(
            @PathVariable String agencyId,
            @Valid @RequestBody ServicesRequest request,
            @RequestHeader(name = KEY, required = false) String key) {
        AgencyId id = CommandRequests.parseId(agencyId, AgencyId::new);
        return requests.updateFor(
                "PUT /api/directory/agencies/" + agencyId + "/services",
                request,
                key,
                actor -> new ChangeAgencyServicesCommand(actor.partnershipId(), id, request.servicesOffered()));
    }

    @PostMapping("/agencies/{agencyId}/retirement")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> retireAgency(@PathVariable String agencyId, @RequestHeader(name = KEY, required = false) String key) {
        AgencyId id = CommandRequests.parseId(agencyId, AgencyId::new);
        return requests.updateFor(
                "POST /api/directory/agencies/" + agencyId + "/retirement",
                "",
                key,
                actor -> new RetireAgencyCommand(actor.partnershipId(), id));
    }

    @PutMapping("/service-levels/{type}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> setServiceLevel(
            @PathVariable String type,
            @Valid @RequestBody ServiceLevelRequest request,
            @RequestHeader(name = KEY, required = false) String key) {
        ReferralType referralType = CommandRequests.parseId(type, ReferralType::valueOf);
        return requests.updateFor(
                "PUT /api/directory/service-levels/" + type,
                request,
                key,
                actor -> new SetAcknowledgementServiceLevelCommand(
                        actor.partnershipId(), referralType, request.workingDays()));
    }

    record AgencyRequest(
            @NotNull AgencyId agencyId,

            @NotBlank @Size(max = RegisterPartnershipCommand.MAX_NAME)
            String name,

            @NotNull Set<@NotNull ReferralType> servicesOffered) {}

    record RegisteredAgency(AgencyId agencyId) {}

    record ServicesRequest(@NotNull Set<@NotNull ReferralType> servicesOffered) {}

    record ServiceLevelRequest(
            @NotNull @Min(1) @Max(SetAcknowledgementServiceLevelCommand.MOST_WORKING_DAYS)
            Integer workingDays) {}
}
