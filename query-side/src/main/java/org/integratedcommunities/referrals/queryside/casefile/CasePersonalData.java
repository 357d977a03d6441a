package org.integratedcommunities.referrals.queryside.casefile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.personaldata.Opened;
import org.integratedcommunities.referrals.personaldata.PersonalDataException;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLog;
import org.integratedcommunities.referrals.queryside.referral.PersonalDataState;
import org.integratedcommunities.referrals.queryside.web.EventStoreRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens who a case is about: the person's details sealed in the case's first event, read from the event store when a
 * user of the holding agency reads the case, opened with the person's key. Nothing opened is stored or logged. An
 * erased person reads back as erased; details that cannot be opened are reported at ERROR, without their content,
 * and shown as unreadable.
 *
 * <p>Every read is recorded in the access log before anything is opened.
 *
 * <p>Blocking: called inside {@code EventStoreReads.read}, and only for a case a read through
 * {@code ReadModelReads} has just shown the actor may see.
 */
@Component
class CasePersonalData {

    private static final Logger log = LoggerFactory.getLogger(CasePersonalData.class);

    private final PersonalDataVault vault;
    private final AccessLog accessLog;

    CasePersonalData(PersonalDataVault vault, AccessLog accessLog) {
        this.vault = vault;
        this.accessLog = accessLog;
    }

    /** Whether the person was erased: what the case shows then differs, and so must its ETag. */
    boolean isErased(DataSubjectId subject) {
        return vault.isErased(subject);
    }

    /** The person of one case, for its holding agency's reader, once the access log holds the read. */
    OpenedPerson open(EventStoreRead events, CaseId caseId, Actor reader) {
        accessLog.record(reader, AccessedRecord.CASE, List.of(caseId.toString()), AccessPurpose.HOLDS_THE_CASE);
        return open(events, caseId);
    }

    /** The people of a page of cases, for their holding agency's reader: one access-log entry for the page. */
    Map<CaseId, OpenedPerson> openAll(EventStoreRead events, List<CaseId> caseIds, Actor reader) {
        Map<CaseId, OpenedPerson> people = new LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return people;
        }
        accessLog.record(
                reader,
                AccessedRecord.CASE_LIST,
                caseIds.stream().map(CaseId::toString).toList(),
                AccessPurpose.HOLDS_THE_CASE);
        caseIds.forEach(caseId -> people.put(caseId, open(events, caseId)));
        return people;
    }

    /** A page of the holding agency's cases with each person's name and date of birth opened for the reader. */
    CaseQueryController.CaseListPage openPage(CaseFileRepository.CasePage stored, EventStoreRead events, Actor reader) {
        Map<CaseId, OpenedPerson> people = openAll(
                events,
                stored.items().stream().map(item -> item.view().caseId()).toList(),
                reader);
        List<CaseListItem> items = stored.items().stream()
                .map(item -> new CaseListItem(
                        item.view(),
                        CaseListItem.Person.of(people.get(item.view().caseId()))))
                .toList();
        return new CaseQueryController.CaseListPage(items, stored.page(), stored.size(), stored.total());
    }

    private OpenedPerson open(EventStoreRead events, CaseId caseId) {
        var opened = events.events(caseId.toString(), 0).stream()
                .map(DomainEventMessage::getPayload)
                .filter(CaseOpenedEvent.class::isInstance)
                .map(CaseOpenedEvent.class::cast)
                .findFirst();
        if (opened.isEmpty() || opened.get().person() == null) {
            log.error("Case {} has no readable opening event: its person is shown as unreadable", caseId);
            return OpenedPerson.not(PersonalDataState.UNREADABLE);
        }
        try {
            Opened<PersonDetails> person = vault.openJson(opened.get().person(), PersonDetails.class);
            return person.isErased()
                    ? OpenedPerson.not(PersonalDataState.ERASED)
                    : OpenedPerson.opened(person.orElse(null));
        } catch (PersonalDataException e) {
            // The vault's messages name the data subject and what went wrong, never the data.
            log.error(
                    "The person of case {} could not be opened ({}: {}): shown as unreadable",
                    caseId,
                    e.getClass().getSimpleName(),
                    e.getMessage());
            return OpenedPerson.not(PersonalDataState.UNREADABLE);
        }
    }
}
