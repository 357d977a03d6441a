package org.integratedcommunities.referrals.webapi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The sequence of reactor/reactor-netty#4361 on a server customised as both services' are
 * ({@link HttpServerConfiguration}): two requests written at once on a keep-alive connection, the first answered a
 * little later and the second at once, then a third request on the same connection. Without
 * {@link KeepAliveReadResumer} Reactor Netty 1.2.18 never reads the third.
 */
class KeepAliveReadResumerTest {

    private DisposableServer server;

    @BeforeEach
    void start() {
        server = HttpServerConfiguration.resumeReadsBetweenRequests(
                        HttpServer.create().host("127.0.0.1").port(0))
                .route(routes -> routes.get(
                                "/later",
                                (request, response) -> response.sendString(
                                        Mono.delay(Duration.ofMillis(50)).thenReturn("later")))
                        .get("/now", (request, response) -> response.sendString(Mono.just("now"))))
                .bindNow();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @RepeatedTest(5)
    void aKeepAliveConnectionReadsTheRequestAfterABufferedOneAnsweredAtOnce() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            // Bounds the wait for an answer that never comes: the defect shows as this read timing out.
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            // The second request arrives while the first is still being answered, so Reactor Netty buffers it.
            out.write((get("/later") + get("/now")).getBytes(US_ASCII));
            out.flush();
            assertThat(nextBody(in)).isEqualTo("later");
            assertThat(nextBody(in)).isEqualTo("now");

            out.write(get("/now").getBytes(US_ASCII));
            out.flush();
            assertThat(nextBody(in))
                    .as("the next request on the same connection is read and answered")
                    .isEqualTo("now");
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** The body of the next response on the connection, whether sized by Content-Length or sent in chunks. */
    private static String nextBody(DataInputStream in) throws IOException {
        String status = line(in);
        assertThat(status).startsWith("HTTP/1.1 200");
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(
                        lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        } else {
            body.write(in.readNBytes((int) length));
        }
        return body.toString(US_ASCII);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
