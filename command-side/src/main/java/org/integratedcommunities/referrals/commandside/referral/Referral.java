package org.integratedcommunities.referrals.commandside.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.integratedcommunities.referrals.commandside.directory.PartnershipDirectory;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** A referral from one agency of a partnership to another: decides each step of its lifecycle. */
@Aggregate
@Revision("1")
public class Referral {

    @AggregateIdentifier
    private ReferralId referralId;

    private ReferralType type;
    private AgencyId referringAgencyId;
    private AgencyId receivingAgencyId;
    private ReferralStatus status;

    protected Referral() {
        // for Axon: the state is rebuilt from events
    }

    @CommandHandler
    public Referral(RaiseReferralCommand command, PartnershipDirectory directory, Clock clock) {
        if (command.receivingAgencyId().equals(command.referringAgencyId())) {
            throw new RuleViolation("receivingAgencyId", "A referral must go to another agency than your own");
        }
        if (!directory.isAgencyOf(command.partnershipId(), command.receivingAgencyId())) {
            throw new RuleViolation("receivingAgencyId", "The receiving agency is not an agency of your partnership");
        }
        apply(new ReferralRaisedEvent(
                command.referralId(),
                command.type(),
                command.partnershipId(),
                command.referringAgencyId(),
                command.receivingAgencyId(),
                clock.instant()));
    }

    @EventSourcingHandler
    void on(ReferralRaisedEvent event) {
        referralId = event.referralId();
        type = event.type();
        referringAgencyId = event.referringAgencyId();
        receivingAgencyId = event.receivingAgencyId();
        status = ReferralStatus.RAISED;
    }
}
