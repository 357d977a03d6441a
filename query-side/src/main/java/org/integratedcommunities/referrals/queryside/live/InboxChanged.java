package org.integratedcommunities.referrals.queryside.live;

import java.time.Instant;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;

/**
 * A referral in an agency's inbox changed: a notification, not the referral. The client reads the referral (or the
 * inbox) again through the query API, where it is scoped to the reader as always.
 *
 * @param referralId the referral that changed
 * @param change what happened, named after the event: {@code RAISED}, {@code ACCEPTED}, {@code INFORMATION_PROVIDED},
 *     {@code ACKNOWLEDGEMENT_OVERDUE}, ...; {@code REDIRECTED} for the agency it was redirected to and
 *     {@code REDIRECTED_AWAY} for the agency it left
 * @param at when it happened (the event's time)
 */
public record InboxChanged(ReferralId referralId, String change, Instant at) {}
