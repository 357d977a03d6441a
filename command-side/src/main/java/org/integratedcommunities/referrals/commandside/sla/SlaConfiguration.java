package org.integratedcommunities.referrals.commandside.sla;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The working-day calendar and the service levels, as beans for aggregates and policies. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
public class SlaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlaConfiguration.class);

    /** England and Wales; warns at start-up when the bank holiday list is about to run out. */
    @Bean
    WorkingDayCalendar workingDayCalendar(ObjectProvider<Clock> clock) {
        WorkingDayCalendar calendar = WorkingDayCalendar.englandAndWales();
        LocalDate today = LocalDate.now(clock.getIfAvailable(Clock::systemUTC).withZone(WorkingDayCalendar.LONDON));
        if (today.plusYears(1).getYear() > calendar.lastYear()) {
            log.warn(
                    "England-and-Wales bank holidays are known only until the end of {}: deadlines after that will"
                            + " be refused. Add the next years from GOV.UK to {}",
                    calendar.lastYear(),
                    WorkingDayCalendar.RESOURCE);
        }
        return calendar;
    }

    /** Overrides from {@code icr.sla.acknowledgement-working-days}; asked last, after any other source. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ConfiguredServiceLevelOverrides configuredServiceLevelOverrides(SlaProperties properties) {
        return new ConfiguredServiceLevelOverrides(properties);
    }

    /** Every {@link ServiceLevelOverrides} bean, in {@code @Order}: the first that knows a value wins. */
    @Bean
    ServiceLevels serviceLevels(
            WorkingDayCalendar calendar, ObjectProvider<ServiceLevelOverrides> overrides, SlaProperties properties) {
        ServiceLevelOverrides chain =
                overrides.orderedStream().reduce(ServiceLevelOverrides::orElse).orElseGet(ServiceLevelOverrides::none);
        return new ServiceLevels(calendar, chain, properties.moveOnWarningDays());
    }
}
