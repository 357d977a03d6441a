package org.integratedcommunities.referrals.queryside.web;

import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The one bridge from the reactive web edge to blocking JDBC reads: they run on the bounded-elastic scheduler. */
@Component
public class ReadModelReads {

    public <T> Mono<T> read(Callable<T> query) {
        return Mono.fromCallable(query).subscribeOn(Schedulers.boundedElastic());
    }
}
