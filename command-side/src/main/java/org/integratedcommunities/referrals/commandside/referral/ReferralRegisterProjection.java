package org.integratedcommunities.referrals.commandside.referral;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The referral register: subscribing, so it is current within the transaction that stores the referral events. */
@Component
@ProcessingGroup(ReferralRegisterProjection.PROCESSING_GROUP)
class ReferralRegisterProjection implements ReferralRegister {

    static final String PROCESSING_GROUP = "referral-register";

    private final JdbcTemplate jdbc;

    ReferralRegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralRaisedEvent event) {
        jdbc.update(
                "INSERT INTO referral_register (referral_id, case_id, partnership_id, referring_agency_id,"
                        + " receiving_agency_id, lawful_basis, open) VALUES (?, ?, ?, ?, ?, ?, TRUE)"
                        + " ON CONFLICT (referral_id) DO NOTHING",
                event.referralId().value(),
                event.caseId() == null ? null : event.caseId().value(),
                event.partnershipId().value(),
                event.referringAgencyId().value(),
                event.receivingAgencyId().value(),
                event.lawfulBasis().name());
    }

    @EventHandler
    void on(ReferralRedirectedEvent event) {
        jdbc.update(
                "UPDATE referral_register SET receiving_agency_id = ? WHERE referral_id = ?",
                event.receivingAgencyId().value(),
                event.referralId().value());
    }

    @EventHandler
    void on(ReferralClosedEvent event) {
        markClosed(event.referralId());
    }

    @EventHandler
    void on(ReferralWithdrawnEvent event) {
        markClosed(event.referralId());
    }

    @EventHandler
    void on(ReferralSuspendedEvent event) {
        markClosed(event.referralId());
    }

    @Override
    public Optional<RegisteredReferral> find(ReferralId referralId) {
        return jdbc
                .query(
                        "SELECT * FROM referral_register WHERE referral_id = ?",
                        (row, n) -> new RegisteredReferral(
                                new ReferralId(row.getObject("referral_id", UUID.class)),
                                row.getObject("case_id") == null
                                        ? null
                                        : new CaseId(row.getObject("case_id", UUID.class)),
                                new PartnershipId(row.getString("partnership_id")),
                                new AgencyId(row.getString("referring_agency_id")),
                                new AgencyId(row.getString("receiving_agency_id")),
                                LawfulBasis.valueOf(row.getString("lawful_basis")),
                                row.getBoolean("open")),
                        referralId.value())
                .stream()
                .findFirst();
    }

    @Override
    public List<ReferralId> openReferralsRelyingOnConsent(CaseId caseId) {
        return jdbc.query(
                "SELECT referral_id FROM referral_register WHERE case_id = ? AND open AND lawful_basis = 'CONSENT'"
                        + " ORDER BY referral_id",
                (row, n) -> new ReferralId(row.getObject("referral_id", UUID.class)),
                caseId.value());
    }

    private void markClosed(ReferralId referralId) {
        jdbc.update("UPDATE referral_register SET open = FALSE WHERE referral_id = ?", referralId.value());
    }
}
