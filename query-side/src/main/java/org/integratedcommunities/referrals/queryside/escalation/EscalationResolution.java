package org.integratedcommunities.referrals.queryside.escalation;

import java.util.EnumSet;
import java.util.Set;

/**
 * What ended an escalation: the first later event of its referral that either did what was due or took the referral
 * away from the agency it escalated against. Each applies to the kinds it names ({@code db/readmodel/V6} explains why
 * a decline ends an overdue acknowledgement but not an open move-on period nor an overdue LADO notification).
 */
public enum EscalationResolution {
    /** The receiving agency accepted the referral. */
    ACCEPTED(EscalationKind.ACKNOWLEDGEMENT_OVERDUE),
    /** The receiving agency declined it. */
    DECLINED(EscalationKind.ACKNOWLEDGEMENT_OVERDUE),
    /** The receiving agency asked the referrer a question. */
    RETURNED_FOR_INFORMATION(EscalationKind.ACKNOWLEDGEMENT_OVERDUE),
    /** Every move-on need open when it escalated has since been reported met. */
    NEEDS_MET(EscalationKind.MOVE_ON_PERIOD_ENDING),
    /** The LADO was told. */
    LADO_INFORMED(EscalationKind.LADO_NOTIFICATION_OVERDUE),
    /** The receiving agency recorded the outcome. */
    OUTCOME_RECORDED(EscalationKind.values()),
    /** The referrer sent the declined referral to another agency: the escalation stays with the one it left. */
    REDIRECTED(EscalationKind.values()),
    /** The referrer withdrew the referral. */
    WITHDRAWN(EscalationKind.values()),
    /** The referral was closed. */
    CLOSED(EscalationKind.values()),
    /** Sharing stopped because the lawful basis fell away: the receiving agency must stop working it. */
    SUSPENDED(EscalationKind.values());

    private final Set<EscalationKind> ends;

    EscalationResolution(EscalationKind... ends) {
        this.ends = Set.copyOf(EnumSet.of(ends[0], ends));
    }

    /** The kinds of escalation this ends. */
    Set<EscalationKind> ends() {
        return ends;
    }
}
