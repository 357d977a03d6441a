package org.integratedcommunities.referrals.webapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** The embedded HTTP server of both services, as Spring Boot builds it, with what this platform adds to it. */
@AutoConfiguration
@ConditionalOnClass(HttpServer.class)
public class HttpServerConfiguration {

    @Bean
    NettyServerCustomizer keepAliveReadResumer() {
        return HttpServerConfiguration::resumeReadsBetweenRequests;
    }

    /** Every connection gets a {@link KeepAliveReadResumer}, on the path of every response it writes. */
    static HttpServer resumeReadsBetweenRequests(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
                channel.pipeline()
                        .addBefore(NettyPipeline.ReactiveBridge, KeepAliveReadResumer.NAME, new KeepAliveReadResumer());
            } else {
                channel.pipeline().addLast(KeepAliveReadResumer.NAME, new KeepAliveReadResumer());
            }
        });
    }
}
