package org.integratedcommunities.referrals.queryside.live;

import java.time.Instant;

/**
 * Where an agency's inbox stands when a client subscribes (and again whenever it reconnects).
 *
 * @param openReferrals received referrals still being worked: raised, returned for information, accepted, in progress
 * @param awaitingAcceptance of those, the ones raised and not yet accepted, declined or returned
 * @param at when it was read
 */
public record InboxSnapshot(long openReferrals, long awaitingAcceptance, Instant at) {}
