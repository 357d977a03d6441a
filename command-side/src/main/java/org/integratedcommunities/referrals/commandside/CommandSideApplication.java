package org.integratedcommunities.referrals.commandside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The command side: takes commands over HTTP, decides in aggregates, appends events to PostgreSQL. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        // Axon's update checker would report to AxonIQ's servers from every start: the platform calls nobody the
        // partnership did not choose (and the servers it runs on may not reach the internet). -D...=false turns it on.
        System.setProperty(
                "axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
