package org.integratedcommunities.referrals.personaldata;

/**
 * Something went wrong sealing or opening personal data. Messages name the data subject, never the data itself, so
 * these exceptions are safe to log.
 */
public class PersonalDataException extends RuntimeException {

    public PersonalDataException(String message) {
        super(message);
    }

    public PersonalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
