package org.integratedcommunities.referrals.queryside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query side: projects events from the PostgreSQL event store into per-agency read models and serves them. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        // Axon's update checker would report to AxonIQ's servers from every start: the platform calls nobody the
        // partnership did not choose (and the servers it runs on may not reach the internet). -D...=false turns it on.
        System.setProperty(
                "axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
