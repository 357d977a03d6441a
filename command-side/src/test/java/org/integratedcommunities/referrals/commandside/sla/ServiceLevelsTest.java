package org.integratedcommunities.referrals.commandside.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.EMPLOYMENT_SUPPORT;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.ESOL_PLACEMENT;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN;
import static org.integratedcommunities.referrals.kernel.referral.ReferralType.REFUGEE_POST_GRANT;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class ServiceLevelsTest {

    private static final PartnershipId BRADFORD = new PartnershipId("bradford");
    private static final PartnershipId WALSALL = new PartnershipId("walsall");
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

    @Test
    void defaultsPerReferralType() {
        ServiceLevels levels = new ServiceLevels(CALENDAR, ServiceLevelOverrides.none(), 7);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, OUT_OF_SCHOOL_SETTINGS_CONCERN))
                .isEqualTo(1);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, REFUGEE_POST_GRANT))
                .isEqualTo(1);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, EMPLOYMENT_SUPPORT))
                .isEqualTo(5);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, ESOL_PLACEMENT)).isEqualTo(10);
        for (ReferralType type : ReferralType.values()) {
            assertThat(levels.acknowledgementWorkingDays(WALSALL, type))
                    .isEqualTo(ServiceLevels.defaultAcknowledgementWorkingDays(type));
        }
        assertThat(levels.ladoNotificationWorkingDays()).isEqualTo(1);
        assertThat(levels.moveOnWarningDays()).isEqualTo(7);
    }

    @Test
    void aPartnershipOverridesOneTypeFromConfiguration() {
        ServiceLevels levels = fromProperties(Map.of(
                "icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT", "3",
                "icr.sla.acknowledgement-working-days.bradford.EMPLOYMENT_SUPPORT", "2"));
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, ESOL_PLACEMENT)).isEqualTo(3);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, EMPLOYMENT_SUPPORT))
                .isEqualTo(2);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, REFUGEE_POST_GRANT))
                .as("not overridden")
                .isEqualTo(1);
        assertThat(levels.acknowledgementWorkingDays(WALSALL, ESOL_PLACEMENT))
                .as("another partnership")
                .isEqualTo(10);
        assertThat(levels.moveOnWarningDays()).as("default").isEqualTo(7);
    }

    @Test
    void deadlinesComeFromTheCalendar() {
        ServiceLevels levels = fromProperties(Map.of(
                "icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT", "3",
                "icr.sla.move-on-warning-days", "10"));
        Instant friday = Instant.parse("2026-11-20T14:00:00Z");
        assertThat(levels.acknowledgementDue(BRADFORD, ESOL_PLACEMENT, friday))
                .isEqualTo("2026-11-26T00:00:00Z"); // end of Wednesday 25th
        assertThat(levels.acknowledgementDue(WALSALL, ESOL_PLACEMENT, friday))
                .isEqualTo("2026-12-05T00:00:00Z"); // end of Friday 4 December
        assertThat(levels.ladoNotificationDue(Instant.parse("2026-12-24T10:00:00Z")))
                .isEqualTo("2026-12-30T00:00:00Z");
        assertThat(levels.moveOnWarningDays()).isEqualTo(10);
    }

    @Test
    void theMoveOnWarningLandsOnAWorkingDayWithAtLeastTheWarningDaysLeft() {
        ServiceLevels levels = new ServiceLevels(CALENDAR, ServiceLevelOverrides.none(), 7);
        assertThat(levels.moveOnWarningAt(LocalDate.parse("2026-12-07"))) // Monday: warn Monday 30 November
                .isEqualTo("2026-11-30T00:00:00Z");
        assertThat(levels.moveOnWarningAt(LocalDate.parse("2026-12-06"))) // Sunday: 29th Sunday -> Friday 27th
                .isEqualTo("2026-11-27T00:00:00Z");
        assertThat(levels.moveOnWarningAt(LocalDate.parse("2027-01-04"))) // 28 Dec 2026 substitute day -> 24th
                .isEqualTo("2026-12-24T00:00:00Z");
        assertThat(levels.moveOnWarningAt(LocalDate.parse("2026-07-10"))) // BST: London midnight of Friday 3 July
                .isEqualTo("2026-07-02T23:00:00Z");
    }

    @Test
    void anotherOverrideSourceComesFirst() {
        ServiceLevelOverrides directory = (partnership, type) ->
                partnership.equals(BRADFORD) && type == ESOL_PLACEMENT ? OptionalInt.of(2) : OptionalInt.empty();
        ConfiguredServiceLevelOverrides configured = new ConfiguredServiceLevelOverrides(bind(Map.of(
                "icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT", "3",
                "icr.sla.acknowledgement-working-days.bradford.EMPLOYMENT_SUPPORT", "4")));
        ServiceLevels levels = new ServiceLevels(CALENDAR, directory.orElse(configured), 7);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, ESOL_PLACEMENT)).isEqualTo(2);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, EMPLOYMENT_SUPPORT))
                .isEqualTo(4);
        assertThat(levels.acknowledgementWorkingDays(BRADFORD, REFUGEE_POST_GRANT))
                .isEqualTo(1);
    }

    @Test
    void invalidConfigurationIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT", "0")))
                .hasRootCauseMessage(
                        "icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT must be 1..50 working"
                                + " days, was 0");
        assertThatThrownBy(() -> bind(Map.of("icr.sla.acknowledgement-working-days.x.ESOL_PLACEMENT", "3")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bind(Map.of("icr.sla.acknowledgement-working-days.bradford.HAIRDRESSING", "3")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> bind(Map.of("icr.sla.move-on-warning-days", "0")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    /** The Spring wiring: configuration properties bound, override beans asked in @Order, configuration last. */
    @Test
    void theSpringConfigurationChainsOverrideBeansInOrder() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(SlaConfiguration.class, DirectoryOverrides.class)
                .withPropertyValues(
                        "icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT=3",
                        "icr.sla.acknowledgement-working-days.walsall.EMPLOYMENT_SUPPORT=4",
                        "icr.sla.move-on-warning-days=5")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ServiceLevels levels = context.getBean(ServiceLevels.class);
                    assertThat(levels.acknowledgementWorkingDays(BRADFORD, ESOL_PLACEMENT))
                            .as("the directory wins")
                            .isEqualTo(2);
                    assertThat(levels.acknowledgementWorkingDays(WALSALL, EMPLOYMENT_SUPPORT))
                            .as("configuration")
                            .isEqualTo(4);
                    assertThat(levels.acknowledgementWorkingDays(WALSALL, ESOL_PLACEMENT))
                            .as("default")
                            .isEqualTo(10);
                    assertThat(levels.moveOnWarningDays()).isEqualTo(5);
                    assertThat(context).hasSingleBean(WorkingDayCalendar.class);
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(SlaConfiguration.class)
                .withPropertyValues("icr.sla.acknowledgement-working-days.bradford.ESOL_PLACEMENT=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class DirectoryOverrides {
        @Bean
        @Order(0)
        ServiceLevelOverrides directoryOverrides() {
            return (partnership, type) ->
                    partnership.equals(BRADFORD) && type == ESOL_PLACEMENT ? OptionalInt.of(2) : OptionalInt.empty();
        }
    }

    private static ServiceLevels fromProperties(Map<String, String> properties) {
        SlaProperties bound = bind(properties);
        return new ServiceLevels(CALENDAR, new ConfiguredServiceLevelOverrides(bound), bound.moveOnWarningDays());
    }

    private static SlaProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("icr.sla", Bindable.of(SlaProperties.class));
    }
}
