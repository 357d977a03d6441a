package org.integratedcommunities.referrals.commandside.rules;

/** A lifecycle step that the record's current state does not allow (HTTP 409). The message names the state. */
public class IllegalTransition extends RuleViolation {

    private final String currentState;

    /**
     * @param record what is being changed, e.g. "referral"
     * @param action the step in the passive, e.g. "accepted"
     */
    public IllegalTransition(String record, String action, Enum<?> currentState) {
        super("This " + record + " is " + currentState.name() + ": it cannot be " + action + ".");
        this.currentState = currentState.name();
    }

    public String currentState() {
        return currentState;
    }
}
