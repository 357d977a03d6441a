package org.integratedcommunities.referrals.queryside.referral;

/**
 * A piece of free text an event carries sealed, as this reader gets it.
 *
 * @param part what it is: {@code question}, {@code answer}, {@code explanation}, {@code reason} or {@code note}
 * @param text the text when {@code OPENED}; otherwise what to show instead ({@code "[erased]"}...)
 */
public record OpenedText(String part, PersonalDataState state, String text) {

    public static final String ERASED = "[erased]";
    public static final String WITHHELD = "[not shared with your agency]";
    public static final String UNREADABLE = "[unreadable]";

    static OpenedText opened(String part, String text) {
        return new OpenedText(part, PersonalDataState.OPENED, text);
    }

    static OpenedText not(String part, PersonalDataState state) {
        return new OpenedText(part, state, shownFor(state));
    }

    static String shownFor(PersonalDataState state) {
        return switch (state) {
            case OPENED -> throw new IllegalArgumentException("opened data shows itself");
            case ERASED -> ERASED;
            case WITHHELD -> WITHHELD;
            case UNREADABLE -> UNREADABLE;
        };
    }
}
