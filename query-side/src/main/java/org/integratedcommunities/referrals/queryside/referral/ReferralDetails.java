package org.integratedcommunities.referrals.queryside.referral;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.audit.AccessPurpose;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLog;
import org.integratedcommunities.referrals.queryside.referral.ReferralPersonalData.OpenedParts;
import org.integratedcommunities.referrals.queryside.referral.ReferralSummaryRepository.StoredReferral;
import org.integratedcommunities.referrals.queryside.referral.ReferralTimelineRepository.StoredEntry;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.integratedcommunities.referrals.queryside.web.EventStoreRead;
import org.springframework.stereotype.Component;

/**
 * A referral's detail, in two steps:
 *
 * <ol>
 *   <li>{@link #findVisible}: from the read model, as the actor (row-level security, and scoped in SQL): its summary
 *       row and its timeline, which tell whether the actor may see it at all and at which version;
 *   <li>{@link #open}: only then, and only up to that version, its events from the event store, whose sealed parts
 *       are opened for this reader ({@link ReferralPersonalData}).
 * </ol>
 *
 * Why the sealed parts come from the event store rather than from the read model: the read model then holds no
 * personal data in any form, not even encrypted. Erasure, subject access and a dump of the read-model schema have one
 * place less to think of, the replay's checksums cover no ciphertext, and the event store, which must keep every event
 * anyway, stays the only copy. The cost is one indexed read of one referral's events per detail not answered 304.
 */
@Component
class ReferralDetails {

    private final ReferralSummaryRepository summaries;
    private final ReferralTimelineRepository timelines;
    private final ReferralPersonalData personalData;
    private final CategoricalJson json;
    private final AccessLog accessLog;

    ReferralDetails(
            ReferralSummaryRepository summaries,
            ReferralTimelineRepository timelines,
            ReferralPersonalData personalData,
            CategoricalJson json,
            AccessLog accessLog) {
        this.summaries = summaries;
        this.timelines = timelines;
        this.personalData = personalData;
        this.json = json;
        this.accessLog = accessLog;
    }

    /** What the read model holds of a referral the actor may see. */
    record Visible(StoredReferral referral, List<StoredEntry> timeline) {

        long version() {
            return referral.view().version();
        }
    }

    /** Step one, inside {@code ReadModelReads.read}: empty if the actor may not see the referral (or there is none). */
    Optional<Visible> findVisible(ActorRead read, ReferralId referralId) {
        return summaries
                .findVisible(read, referralId)
                .map(referral -> new Visible(
                        referral,
                        timelines.findVisible(read, referralId, referral.view().version())));
    }

    /**
     * The detail's entity tag: its version (and the timeline's, while it lags), marked once its data subject is erased (which changes what the detail
     * shows without a new event of the referral), so that a copy holding the person's data is never revalidated.
     * Blocking: asks the vault.
     */
    String entityTag(Visible visible) {
        boolean erased = personalData.isErased(visible.referral().subject());
        return "\"" + visible.version() + timelineBehind(visible) + (erased ? "-erased" : "") + "\"";
    }

    /**
     * The timeline has its own processing group and may not yet have reached the summary's version: the tag then
     * names how far it got, so that the detail is fetched again once it catches up.
     */
    private static String timelineBehind(Visible visible) {
        long timelineVersion = visible.timeline().isEmpty()
                ? -1
                : visible.timeline().get(visible.timeline().size() - 1).sequence();
        return timelineVersion == visible.version() ? "" : "-timeline" + timelineVersion;
    }

    /**
     * Step two, inside {@code EventStoreReads.read}: the detail, its sealed parts opened for this actor, once the access
     * log holds the read.
     */
    ReferralDetail open(Visible visible, EventStoreRead events, Actor actor) {
        ReferralView view = visible.referral().view();
        accessLog.record(
                actor,
                AccessedRecord.REFERRAL,
                List.of(view.referralId().toString()),
                actor.agencyId().equals(view.referringAgencyId())
                        ? AccessPurpose.SENT_THE_REFERRAL
                        : AccessPurpose.RECEIVED_THE_REFERRAL);
        OpenedParts opened = personalData.open(
                events.events(view.referralId().toString(), view.version()), withheldBefore(visible, actor));
        List<TimelineEntryView> timeline = visible.timeline().stream()
                .map(entry -> entryView(entry, opened.textsBySequence(), PersonalDataState.UNREADABLE))
                .toList();
        return new ReferralDetail(
                view, visible.referral().lawfulBasis(), visible.referral().facts(), opened.particulars(), timeline);
    }

    /**
     * Data minimisation after a redirect: what passed between the referrer and an agency that had the referral before
     * (its decline explanation, a question and its answer) is not for the agency that has it now. The referrer sees
     * everything; the receiving agency the particulars and the free texts from the last redirect on.
     */
    private static long withheldBefore(Visible visible, Actor actor) {
        if (actor.agencyId().equals(visible.referral().view().referringAgencyId())) {
            return 0;
        }
        return visible.timeline().stream()
                .filter(entry -> entry.type() == TimelineEntryType.REDIRECTED)
                .mapToLong(StoredEntry::sequence)
                .max()
                .orElse(0);
    }

    /**
     * A timeline for a reader who is shown no personal data (an auditor's rebuilt history): what each event carried
     * sealed is named, as withheld, never opened.
     */
    List<TimelineEntryView> timelineWithoutPersonalData(List<StoredEntry> entries) {
        return entries.stream()
                .map(entry -> entryView(entry, Map.of(), PersonalDataState.WITHHELD))
                .toList();
    }

    /** An entry with its sealed text as opened in {@code texts}, or in state {@code otherwise} if not there. */
    private TimelineEntryView entryView(StoredEntry entry, Map<Long, OpenedText> texts, PersonalDataState otherwise) {
        OpenedText text = null;
        if (entry.sealedPart() != null && !entry.sealedPart().equals(TimelineEntries.PARTICULARS)) {
            text = texts.getOrDefault(entry.sequence(), OpenedText.not(entry.sealedPart(), otherwise));
        }
        TimelineEntryView.Acting actor = entry.actorUserId() == null && entry.actorAgencyId() == null
                ? null
                : new TimelineEntryView.Acting(
                        entry.actorUserId() == null ? null : new UserId(entry.actorUserId()),
                        agency(entry.actorAgencyId()),
                        entry.actorRoles());
        return new TimelineEntryView(
                entry.sequence(),
                entry.type(),
                entry.occurredAt(),
                actor,
                entry.summary(),
                json.tree(entry.detailsJson()),
                text);
    }

    /** An agency id as the metadata had it; one that is not a well-formed id is left out rather than failing. */
    private static AgencyId agency(String agencyId) {
        try {
            return agencyId == null ? null : new AgencyId(agencyId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
