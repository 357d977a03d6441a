package org.integratedcommunities.referrals.personaldata;

/**
 * The master key in {@value MasterKeys#PROPERTY} is missing or malformed, so the application must not start. The
 * message names the property and says what is expected; it never contains the configured value.
 */
public class InvalidMasterKeyException extends PersonalDataException {

    public InvalidMasterKeyException(String message) {
        super(message);
    }

    public InvalidMasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
