package org.integratedcommunities.referrals.deadlineprobe;

import org.integratedcommunities.referrals.commandside.CommandSideApplication;
import org.integratedcommunities.referrals.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@link DeadlineProbe} to a command-side context. The probe lives outside the command side's packages on
 * purpose, so no other test's application context picks it up by component scanning.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = DeadlineProbe.class)
public class DeadlineProbeConfiguration {

    /**
     * A command-side application, without its web server, with the probe, on the given database; db-scheduler polls
     * every second so that a due deadline fires within a test's patience.
     */
    public static ConfigurableApplicationContext startCommandSide(TestDatabase database) {
        return new SpringApplicationBuilder(CommandSideApplication.class, DeadlineProbeConfiguration.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        "--db-scheduler.polling-interval=1s");
    }
}
