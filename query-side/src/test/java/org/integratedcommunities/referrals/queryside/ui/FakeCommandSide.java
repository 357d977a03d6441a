package org.integratedcommunities.referrals.queryside.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The command side's API as far as the web UI's forms need it in module tests: records each request (path, the
 * headers the UI must send, the body) and answers with the status and JSON it is told to.
 */
public final class FakeCommandSide {

    /** One request as the command side would have received it. */
    public record Received(String path, String authorization, String idempotencyKey, String ifMatch, String body) {}

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile String answer = "";
    private final HttpServer server;

    public FakeCommandSide() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("If-Match"),
                    body));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** What to answer from now on. */
    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }
}
