package org.integratedcommunities.referrals.commandside.casefile;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.integratedcommunities.referrals.kernel.casefile.CaseErasedEvent;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentWithdrawnEvent;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasisRecordedEvent;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case register, and the erasure of a person's key. Subscribing: it runs in the transaction that stores the case
 * events, so the register never lags behind them and a key is destroyed exactly when the erasure is recorded.
 */
@Component
@ProcessingGroup(CaseRegisterProjection.PROCESSING_GROUP)
class CaseRegisterProjection implements CaseRegister {

    static final String PROCESSING_GROUP = "case-register";

    private final JdbcTemplate jdbc;
    private final PersonalDataVault vault;

    CaseRegisterProjection(JdbcTemplate jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @EventHandler
    void on(CaseOpenedEvent event) {
        jdbc.update(
                "INSERT INTO case_register (case_id, partnership_id, owning_agency_id, subject_id) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (case_id) DO NOTHING",
                event.caseId().value(),
                event.partnershipId().value(),
                event.owningAgencyId().value(),
                event.subject().value());
    }

    @EventHandler
    void on(LawfulBasisRecordedEvent event) {
        if (event.basis() == LawfulBasis.CONSENT) {
            jdbc.update(
                    "UPDATE case_register SET consent_purposes = ?, consent_agencies = ? WHERE case_id = ?",
                    join(event.consentPurposes(), ReferralType::name),
                    join(event.consentAgencies(), AgencyId::value),
                    event.caseId().value());
        } else {
            RegisteredCase registered = find(event.caseId()).orElseThrow();
            Set<LawfulBasis> bases = new java.util.TreeSet<>(registered.otherBases());
            bases.add(event.basis());
            jdbc.update(
                    "UPDATE case_register SET other_bases = ? WHERE case_id = ?",
                    join(bases, LawfulBasis::name),
                    event.caseId().value());
        }
    }

    @EventHandler
    void on(ConsentWithdrawnEvent event) {
        jdbc.update(
                "UPDATE case_register SET consent_purposes = '', consent_agencies = '' WHERE case_id = ?",
                event.caseId().value());
    }

    @EventHandler
    void on(CaseErasedEvent event) {
        vault.erase(event.subject());
        jdbc.update(
                "UPDATE case_register SET erased = TRUE WHERE case_id = ?",
                event.caseId().value());
    }

    @Override
    public Optional<RegisteredCase> find(CaseId caseId) {
        return jdbc
                .query(
                        "SELECT * FROM case_register WHERE case_id = ?",
                        (row, n) -> new RegisteredCase(
                                new CaseId(row.getObject("case_id", UUID.class)),
                                new PartnershipId(row.getString("partnership_id")),
                                new AgencyId(row.getString("owning_agency_id")),
                                new DataSubjectId(row.getObject("subject_id", UUID.class)),
                                row.getBoolean("erased"),
                                split(row.getString("consent_purposes"), ReferralType::valueOf),
                                split(row.getString("consent_agencies"), AgencyId::new),
                                split(row.getString("other_bases"), LawfulBasis::valueOf)),
                        caseId.value())
                .stream()
                .findFirst();
    }

    private static <T> String join(Collection<T> values, Function<T, String> name) {
        return values == null ? "" : values.stream().map(name).sorted().collect(Collectors.joining(","));
    }

    private static <T> Set<T> split(String joined, Function<String, T> parse) {
        return joined == null || joined.isBlank()
                ? Set.of()
                : Arrays.stream(joined.split(",")).map(parse).collect(Collectors.toSet());
    }
}
