package org.integratedcommunities.referrals.commandside.rules;

/** A request value that is malformed, as opposed to well-formed but against a rule (HTTP 400, not 422). */
public class InvalidInput extends RuleViolation {

    public InvalidInput(String field, String message) {
        super(field, message);
    }
}
