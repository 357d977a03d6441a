package org.integratedcommunities.referrals.webapi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Keeps an HTTP/1.1 keep-alive connection reading between requests, around a defect of Reactor Netty 1.2.18, the
 * version Spring Boot 3.5 brings (reactor/reactor-netty#4361; fixed in 1.3.8, which needs Netty 4.2 and Reactor
 * 2025.0). When a request arrives before the previous one's operations have ended, Reactor Netty buffers it; if it is
 * then answered at once, the queue can drain without the connection being asked to read again. The client's next request then sits unread
 * until the client gives up or closes: a hung page in a browser, a timed-out call for an API client (the end-to-end
 * tests met it as a request answered only after 20 s, when their client closed the connection).
 *
 * <p>After each response's last part is written, this handler waits for the connection to be between requests (the
 * operations of the one answered have ended, which takes milliseconds) and asks it to read, as the fixed version does
 * itself. A read asked for while one is pending is a no-op, and data read early is buffered by Reactor Netty as any
 * pipelined request is, so the extra ask is harmless when the defect did not strike. Remove this handler with the
 * upgrade to a fixed Reactor Netty ({@code KeepAliveReadResumerTest} shows the defect's sequence answered).
 */
final class KeepAliveReadResumer extends ChannelOutboundHandlerAdapter {

    /** The handler's name in each connection's pipeline. */
    static final String NAME = "icr.keepAliveReadResumer";

    private static final long RECHECK_MILLIS = 5;
    /** 2 s of rechecks: an answered request's operations end within milliseconds of its last part being written. */
    private static final int MAX_CHECKS = 400;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean lastPartOfResponse = msg instanceof LastHttpContent;
        super.write(ctx, msg, promise);
        if (lastPartOfResponse) {
            Channel channel = ctx.channel();
            channel.eventLoop().execute(() -> readWhenBetweenRequests(channel, 1));
        }
    }

    private static void readWhenBetweenRequests(Channel channel, int check) {
        if (!channel.isActive() || channel.config().isAutoRead()) {
            return;
        }
        if (ChannelOperations.get(channel) instanceof HttpServerRequest) {
            // A request is still being answered (the last one, or the next already): its end writes a last part too.
            if (check < MAX_CHECKS) {
                channel.eventLoop()
                        .schedule(
                                () -> readWhenBetweenRequests(channel, check + 1),
                                RECHECK_MILLIS,
                                TimeUnit.MILLISECONDS);
            }
            return;
        }
        channel.read();
    }
}
