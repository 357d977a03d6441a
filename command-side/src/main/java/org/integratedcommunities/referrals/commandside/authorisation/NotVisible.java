package org.integratedcommunities.referrals.commandside.authorisation;

/**
 * The record is not the actor's to see: another partnership's, or one their agency has no part in. Answered exactly
 * like a record that does not exist (HTTP 404), so its existence is not given away.
 */
public class NotVisible extends RuntimeException {

    public NotVisible() {
        super("There is no such record.", null, false, false);
    }
}
