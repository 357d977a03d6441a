package org.integratedcommunities.referrals.commandside.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COUNCIL_CASEWORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.COUNCIL_MANAGER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.ESOL_WORKER;
import static org.integratedcommunities.referrals.commandside.AggregateTestSupport.JOBCENTRE_WORKER;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.commandside.web.CommandDispatcher;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.CaseOpenedEvent;
import org.integratedcommunities.referrals.kernel.casefile.ConsentDetails;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.EraseCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.ImmigrationStatus;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.casefile.OpenCaseCommand;
import org.integratedcommunities.referrals.kernel.casefile.PersonDetails;
import org.integratedcommunities.referrals.kernel.casefile.RecordLawfulBasisCommand;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.DeclineReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.EmploymentBarrier;
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.ProvideInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.RaiseReferralCommand;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.ReturnReferralForInformationCommand;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
import org.integratedcommunities.referrals.personaldata.PersonalDataVault;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Personal data never rests in the event store in plain text: after cases and referrals full of recognisable personal
 * data, no column of any table of the event store schema (events, snapshots, tokens, deadlines, keys, registers) holds
 * any of it. After erasure the events stay, and their personal data reads back as erased without an error anywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PersonalDataAtRestIntegrationTest {

    private static final TestDatabase database = TestDatabase.create("pii");

    private static final List<String> PERSONAL_DATA = List.of(
            "Zenobia Quixotic-Marker",
            "07700 900481",
            "zenobia.marker@example.org",
            "77 Unlikely Marker Road",
            "Marker-Availability-Thursdays",
            "Marker-Note-Kestrel",
            "Marker-Goal-Beekeeping",
            "Marker-Question-Heron",
            "Marker-Answer-Lantern",
            "Marker-Explanation-Osprey",
            "Marker-Reporter-Wolfgang",
            "marker.reporter@example.org",
            "Marker-Description-Juniper",
            "Marker Tuition Centre");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Autowired
    CommandDispatcher commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalDataVault vault;

    @Test
    void noPersonalDataRestsInPlainTextAndErasureLeavesTheEventsReadableAsErased() throws Exception {
        CaseId caseId = new CaseId(UUID.randomUUID());
        send(
                COUNCIL_CASEWORKER,
                new OpenCaseCommand(
                        caseId,
                        new PersonDetails(
                                "Zenobia Quixotic-Marker",
                                LocalDate.of(1979, 6, 5),
                                "07700 900481",
                                "zenobia.marker@example.org",
                                "77 Unlikely Marker Road",
                                "Amharic",
                                true,
                                ImmigrationStatus.REFUGEE_STATUS)));
        send(
                COUNCIL_CASEWORKER,
                new RecordLawfulBasisCommand(
                        caseId,
                        null,
                        LawfulBasis.CONSENT,
                        new ConsentDetails(
                                ConsentGivenBy.DATA_SUBJECT,
                                LocalDate.of(2026, 11, 2),
                                Set.of(ReferralType.ESOL_PLACEMENT, ReferralType.EMPLOYMENT_SUPPORT),
                                Set.of())));
        ReferralId esol = new ReferralId(UUID.randomUUID());
        send(
                COUNCIL_CASEWORKER,
                new RaiseReferralCommand(
                        esol,
                        ReferralType.ESOL_PLACEMENT,
                        caseId,
                        ESOL_WORKER.agencyId(),
                        new ReferralFacts.EsolPlacement(null, Set.of(EsolMode.COMMUNITY_CLASS), true, true),
                        new ReferralParticulars.EsolPlacement("Marker-Availability-Thursdays", "Marker-Note-Kestrel"),
                        null));
        send(ESOL_WORKER, new DeclineReferralCommand(esol, null, DeclineReason.OTHER, "Marker-Explanation-Osprey"));
        ReferralId employment = new ReferralId(UUID.randomUUID());
        send(
                COUNCIL_CASEWORKER,
                new RaiseReferralCommand(
                        employment,
                        ReferralType.EMPLOYMENT_SUPPORT,
                        caseId,
                        JOBCENTRE_WORKER.agencyId(),
                        new ReferralFacts.EmploymentSupport(
                                Set.of(EmploymentBarrier.ENGLISH_LEVEL), Set.of(EmploymentProgramme.MENTORING_CIRCLE)),
                        new ReferralParticulars.EmploymentSupport("Marker-Goal-Beekeeping", null),
                        null));
        send(JOBCENTRE_WORKER, new ReturnReferralForInformationCommand(employment, null, "Marker-Question-Heron"));
        send(COUNCIL_CASEWORKER, new ProvideInformationCommand(employment, null, "Marker-Answer-Lantern"));
        ReferralId concern = new ReferralId(UUID.randomUUID());
        send(
                COUNCIL_CASEWORKER,
                new RaiseReferralCommand(
                        concern,
                        ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN,
                        null,
                        new AgencyId("bradford-oos-safeguarding"),
                        new ReferralFacts.OutOfSchoolSettingsConcern(
                                SettingType.TUITION_CENTRE,
                                SettingSize.SMALL,
                                Set.of(ConcernCategory.STAFF_SUITABILITY),
                                false,
                                false,
                                true,
                                false),
                        new ReferralParticulars.OutOfSchoolSettingsConcern(
                                "Marker Tuition Centre",
                                null,
                                "Marker-Description-Juniper",
                                "Marker-Reporter-Wolfgang",
                                "marker.reporter@example.org"),
                        null));

        List<String> scanned = new ArrayList<>();
        List<String> hits = scanEventStoreSchema(PERSONAL_DATA, scanned);
        assertThat(scanned)
                .as("the scan covered events, deadlines, keys and registers")
                .contains(
                        "domain_event_entry.payload",
                        "domain_event_entry.meta_data",
                        "snapshot_event_entry.payload",
                        "scheduled_tasks.task_data",
                        "data_subject_key.wrapped_keyset",
                        "token_entry.token",
                        "case_register.consent_purposes");
        assertThat(countRows("scheduled_tasks")).as("deadlines were stored").isGreaterThan(0);
        assertThat(scanEventStoreSchema(List.of("bradford-oos-safeguarding", "STAFF_SUITABILITY"), new ArrayList<>()))
                .as("the scan does find what is stored in clear (agency ids, categories)")
                .contains(
                        "domain_event_entry.payload: bradford-oos-safeguarding",
                        "domain_event_entry.payload: STAFF_SUITABILITY");
        assertThat(hits).as("plain personal data at rest").isEmpty();

        // Erasure: the key goes, the events stay, and reading them back says "erased" without failing.
        send(COUNCIL_MANAGER, new EraseCaseCommand(caseId));
        CaseOpenedEvent opened = (CaseOpenedEvent) eventStore
                .readEvents(caseId.toString())
                .asStream()
                .findFirst()
                .orElseThrow()
                .getPayload();
        assertThat(vault.openJson(opened.person(), PersonDetails.class).isErased())
                .isTrue();
        Sealed particulars = ((ReferralRaisedEvent) eventStore
                        .readEvents(esol.toString())
                        .asStream()
                        .findFirst()
                        .orElseThrow()
                        .getPayload())
                .particulars();
        assertThat(vault.open(particulars).isErased()).isTrue();
        assertThat(countRows("domain_event_entry WHERE aggregate_identifier = '" + esol + "'"))
                .as("the events stay")
                .isEqualTo(2);
        assertThatThrownBy(() -> send(
                        COUNCIL_CASEWORKER, new RecordLawfulBasisCommand(caseId, null, LawfulBasis.PUBLIC_TASK, null)))
                .as("the erased case still loads, and says it is erased")
                .isInstanceOf(RuleViolation.class)
                .hasMessage("This person's data was erased: the case can no longer change");
        assertThat(countRows("data_subject_key WHERE subject_id = '" + caseId + "' AND wrapped_keyset IS NULL"))
                .isEqualTo(1);
        assertThat(scanEventStoreSchema(PERSONAL_DATA, new ArrayList<>())).isEmpty();
    }

    private void send(Actor actor, Object command) {
        commands.send(command, actor).block();
    }

    /** Every column of every table in the event store schema, bytes and text alike, searched for the markers. */
    private List<String> scanEventStoreSchema(List<String> markers, List<String> scanned) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection connection = database.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection
                    .createStatement()
                    .executeQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'event_store'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM event_store." + table)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        scanned.add(table + "." + columns.getColumnName(i));
                    }
                    while (rows.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            String text = "bytea".equals(columns.getColumnTypeName(i))
                                    ? bytesAsText(rows.getBytes(i))
                                    : rows.getString(i);
                            for (String marker : markers) {
                                if (text != null && text.contains(marker)) {
                                    String hit = table + "." + columns.getColumnName(i) + ": " + marker;
                                    if (!hits.contains(hit)) {
                                        hits.add(hit);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static String bytesAsText(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private long countRows(String tableAndCondition) throws Exception {
        try (Connection connection = database.connect();
                ResultSet count = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM event_store." + tableAndCondition)) {
            count.next();
            return count.getLong(1);
        }
    }
}
