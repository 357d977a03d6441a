package org.integratedcommunities.referrals.personaldata;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or malformed master key into a plain startup report instead of a stack trace. */
class InvalidMasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMasterKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set " + MasterKeys.PROPERTY + " (the applications read it from the ICR_MASTER_KEY environment"
                        + " variable) to the platform's master key. For a new installation, generate one with"
                        + " org.integratedcommunities.referrals.personaldata.MasterKeys.generate() and keep it in"
                        + " your secret store: losing it makes all stored personal data unreadable.",
                cause);
    }
}
