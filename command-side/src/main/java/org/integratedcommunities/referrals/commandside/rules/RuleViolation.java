package org.integratedcommunities.referrals.commandside.rules;

import java.util.Optional;

/**
 * A command refused by a business rule. The message is written for the person who sent the command: it says what is
 * wrong and, where the state matters, the current state. It never holds personal data.
 */
public class RuleViolation extends RuntimeException {

    private final String field;

    public RuleViolation(String message) {
        this(null, message);
    }

    /**
     * @param field the request field the rule is about, so an API client or form can point at it
     */
    public RuleViolation(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
