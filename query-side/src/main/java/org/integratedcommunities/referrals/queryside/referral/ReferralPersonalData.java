package org.integratedcommunities.referrals.queryside.referral;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.integratedcommunities.referrals.personaldata.Opened;
import org.integratedcommunities.referrals.personaldata.PersonalDataException;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place the query side opens personal data: the sealed parts of a referral's events, read from the event
 * store when a user reads the referral's detail, opened with the data subject's key. Nothing opened is stored or
 * logged. An erased subject's data reads back as erased; data that cannot be opened (altered, or sealed under another
 * master key) is reported at ERROR, without its content, and shown as unreadable rather than failing the whole detail.
 *
 * <p>Blocking (the vault reads keys from PostgreSQL): called inside {@code EventStoreReads.read}, never as the query
 * role (which may not read the keys).
 */
@Component
class ReferralPersonalData {

    private static final Logger log = LoggerFactory.getLogger(ReferralPersonalData.class);

    private final PersonalDataVault vault;

    ReferralPersonalData(PersonalDataVault vault) {
        this.vault = vault;
    }

    /** The particulars and the free texts of a referral's events, opened. */
    record OpenedParts(OpenedParticulars particulars, Map<Long, OpenedText> textsBySequence) {}

    /** Whether the data subject was erased: what the detail shows then differs, and so must its ETag. */
    boolean isErased(DataSubjectId subject) {
        return subject != null && vault.isErased(subject);
    }

    /**
     * Opens the sealed parts of the events.
     *
     * @param withheldBefore the sealed texts of events before this sequence are withheld rather than opened (see
     *     {@link PersonalDataState#WITHHELD}); the particulars never are
     */
    OpenedParts open(List<DomainEventMessage<?>> events, long withheldBefore) {
        OpenedParticulars particulars = OpenedParticulars.not(PersonalDataState.UNREADABLE);
        Map<Long, OpenedText> texts = new HashMap<>();
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            long sequence = event.getSequenceNumber();
            if (payload instanceof ReferralRaisedEvent raised) {
                particulars = openParticulars(raised, sequence);
                continue;
            }
            Sealed sealed = null;
            String part = null;
            if (payload instanceof ReferralDeclinedEvent e) {
                sealed = e.explanation();
                part = TimelineEntries.EXPLANATION;
            } else if (payload instanceof ReferralReturnedForInformationEvent e) {
                sealed = e.question();
                part = TimelineEntries.QUESTION;
            } else if (payload instanceof InformationProvidedEvent e) {
                sealed = e.answer();
                part = TimelineEntries.ANSWER;
            } else if (payload instanceof ReferralWithdrawnEvent e) {
                sealed = e.reason();
                part = TimelineEntries.REASON;
            } else if (payload instanceof ReferralProgressRecordedEvent e) {
                sealed = e.note();
                part = TimelineEntries.NOTE;
            } else if (payload instanceof ReferralOutcomeRecordedEvent e) {
                sealed = e.note();
                part = TimelineEntries.NOTE;
            }
            if (sealed == null) {
                continue;
            }
            texts.put(
                    sequence,
                    sequence < withheldBefore
                            ? OpenedText.not(part, PersonalDataState.WITHHELD)
                            : openText(event, part, sealed));
        }
        return new OpenedParts(particulars, Map.copyOf(texts));
    }

    private OpenedParticulars openParticulars(ReferralRaisedEvent raised, long sequence) {
        if (raised.particulars() == null) {
            return OpenedParticulars.not(PersonalDataState.UNREADABLE);
        }
        try {
            Opened<ReferralParticulars> opened = vault.openJson(raised.particulars(), ReferralParticulars.class);
            return opened.isErased()
                    ? OpenedParticulars.not(PersonalDataState.ERASED)
                    : OpenedParticulars.opened(opened.orElse(null));
        } catch (PersonalDataException e) {
            unreadable(raised.referralId().toString(), sequence, TimelineEntries.PARTICULARS, e);
            return OpenedParticulars.not(PersonalDataState.UNREADABLE);
        }
    }

    private OpenedText openText(DomainEventMessage<?> event, String part, Sealed sealed) {
        try {
            Opened<String> opened = vault.open(sealed);
            return opened instanceof Opened.Value<String> value
                    ? OpenedText.opened(part, value.value())
                    : OpenedText.not(part, PersonalDataState.ERASED);
        } catch (PersonalDataException e) {
            unreadable(event.getAggregateIdentifier(), event.getSequenceNumber(), part, e);
            return OpenedText.not(part, PersonalDataState.UNREADABLE);
        }
    }

    private static void unreadable(String referralId, long sequence, String part, PersonalDataException e) {
        // The vault's messages name the data subject and what went wrong, never the data.
        log.error(
                "The {} of referral {} at sequence {} could not be opened ({}: {}): shown as unreadable",
                part,
                referralId,
                sequence,
                e.getClass().getSimpleName(),
                e.getMessage());
    }
}
