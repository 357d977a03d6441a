package org.integratedcommunities.referrals.commandside.casefile;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.integratedcommunities.referrals.commandside.referral.ReferralRegister;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.referral.SuspendReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.SuspensionReason;
import org.springframework.stereotype.Component;

/**
 * When a person withdraws consent, sharing on that basis stops: every open referral of theirs that relied on consent
 * is suspended, which the receiving agency sees in its inbox. Runs as a tracking processor, so a failure is retried
 * rather than lost; suspending twice is harmless.
 */
@Component
@ProcessingGroup(ConsentWithdrawalPolicy.PROCESSING_GROUP)
class ConsentWithdrawalPolicy {

    static final String PROCESSING_GROUP = "consent-withdrawal";

    private final ReferralRegister referrals;
    private final CommandGateway commands;

    ConsentWithdrawalPolicy(ReferralRegister referrals, CommandGateway commands) {
        this.referrals = referrals;
        this.commands = commands;
    }

    @EventHandler
    void on(ConsentWithdrawnEvent event) {
        for (var referralId : referrals.openReferralsRelyingOnConsent(event.caseId())) {
            commands.sendAndWait(new SuspendReferralCommand(referralId, SuspensionReason.CONSENT_WITHDRAWN));
        }
    }
}
