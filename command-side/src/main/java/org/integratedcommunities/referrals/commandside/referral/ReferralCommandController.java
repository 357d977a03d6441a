package org.integratedcommunities.referrals.commandside.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import java.util.function.Supplier;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Commands on referrals. The actor (user, agency, partnership) always comes from the bearer token. */
@RestController
@RequestMapping("/api/referrals")
class ReferralCommandController {

    private final CommandDispatcher commands;
    private final Supplier<UUID> ids;

    ReferralCommandController(CommandDispatcher commands, Supplier<UUID> ids) {
        this.commands = commands;
        this.ids = ids;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RaisedReferral> raise(@Valid @RequestBody RaiseReferralRequest request) {
        return CurrentActor.get().flatMap(actor -> {
            ReferralId referralId = new ReferralId(ids.get());
            var command = new RaiseReferralCommand(
                    referralId,
                    request.type(),
                    actor.partnershipId(),
                    actor.agencyId(),
                    new AgencyId(request.receivingAgencyId()));
            return commands.send(command, actor).thenReturn(new RaisedReferral(referralId));
        });
    }

    record RaiseReferralRequest(
            @NotNull ReferralType type,

            @NotNull
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be an agency id such as bradford-esol")
            String receivingAgencyId) {}

    record RaisedReferral(ReferralId referralId) {}
}
