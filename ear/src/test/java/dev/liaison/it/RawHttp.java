package dev.liaison.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 written by hand, for what a well-behaved client will not send: two {@code Authorization} headers, a
 * TRACE, a chunked body past the limit, a request from another loopback address (127.0.0.2 stands for an
 * anonymous caller elsewhere on the network).
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final String NO_ANSWER = "no HTTP answer";

    private final String host;
    private final int port;
    private final String from;

    RawHttp(String host, int port, String from) {
        this.host = host;
        this.port = port;
        this.from = from;
    }

    /** Like {@link #send}, but empty when the server ended the connection without any answer. */
    Optional<Answer> trySend(String method, String path, List<String> headers, byte[] body) {
        try {
            return Optional.of(send(method, path, headers, body));
        } catch (AssertionError noAnswer) {
            if (String.valueOf(noAnswer.getMessage()).contains(NO_ANSWER)) {
                return Optional.empty();
            }
            throw noAnswer;
        }
    }

    /** Sends the request line, the headers as given ("Name: value"), and the body with its length unless chunked. */
    Answer send(String method, String path, List<String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nConnection: close\r\n");
            headers.forEach(header -> head.append(header).append("\r\n"));
            boolean chunked = headers.stream().anyMatch(header -> header.toLowerCase(Locale.ROOT)
                    .startsWith("transfer-encoding: chunked"));
            if (body != null && !chunked) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            // The answer is read while the body is still being sent: a server that refuses a body answers and closes
            // early, and an answer left unread when the connection resets would be lost.
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> read(socket));
            if (body != null) {
                writeBody(out, body, chunked);
            }
            out.flush();
            return answer.get(30, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + path + " interrupted", e);
        }
    }

    private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
        try {
            if (!chunked) {
                out.write(body);
                return;
            }
            for (int offset = 0; offset < body.length; offset += 65_536) {
                int length = Math.min(65_536, body.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException closedEarly) {
            // The server may answer and close before it has read a body it refuses; its answer is still there to read.
        }
    }

    private static Answer read(Socket socket) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(all);
        } catch (IOException reset) {
            // A refused oversized body may end in a reset after the answer; what arrived is the answer.
        }
        // Byte for byte, so chunk sizes count what they count; the body is decoded as UTF-8 at the end.
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new AssertionError(NO_ANSWER + ", the connection ended after " + all.size() + " bytes");
        }
        String[] parts = text.split("\r\n\r\n", 2);
        List<String> lines = new ArrayList<>(List.of(parts[0].split("\r\n")));
        String statusLine = lines.remove(0);
        while (statusLine.contains(" 100 ") && !lines.isEmpty()) {
            statusLine = lines.remove(0);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String body = parts.length > 1 ? parts[1] : "";
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int position = 0;
        while (position < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", position);
            int size = Integer.parseInt(chunked.substring(position, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            position = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
