package org.integratedcommunities.referrals.commandside.authorisation;

/** The actor may see the record but their agency or role may not take this step (HTTP 403). */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message, null, false, false);
    }
}
