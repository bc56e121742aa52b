package dev.liaison.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection, used by one load worker: a request is written in one go and its answer read
 * with a blocking read, as wrk does. The JDK's {@code HttpClient} spent 0.17 ms of CPU per request here, more than
 * PostgreSQL spent storing the row, and on two shared cores the load generator's CPU is taken from the server it
 * measures; this client spends a few microseconds. It speaks just what the benchmarks need: requests with a
 * {@code Content-Length} body, answers with a {@code Content-Length} or chunked body, reconnecting when the server
 * closes the connection.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress address;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(URI server) {
        this.address = new InetSocketAddress(server.getHost(), server.getPort());
        this.hostHeader = server.getHost() + ":" + server.getPort();
    }

    record Answer(int status, byte[] body) {
    }

    /** Sends one request and reads its whole answer; {@code body} may be empty, never null. */
    Answer exchange(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        connectIfClosed();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || !"GET".equals(method)) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return readAnswer();
    }

    private Answer readAnswer() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body = chunked ? readChunked() : in.readNBytes((int) Math.max(0, contentLength));
        if (closeAfter) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt(extension < 0 ? sizeLine.trim() : sizeLine.substring(0, extension).trim(), 16);
            if (size == 0) {
                skipTrailerFields();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private void skipTrailerFields() throws IOException {
        String field;
        do {
            field = readLine();
        } while (!field.isEmpty());
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int next = in.read();
            if (next < 0) {
                close();
                throw new EOFException("the server closed the connection mid-answer");
            }
            if (next == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) next);
        }
    }

    private void connectIfClosed() throws IOException {
        if (socket != null) {
            return;
        }
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(READ_TIMEOUT_MILLIS);
        opened.connect(address, CONNECT_TIMEOUT_MILLIS);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(opened.getOutputStream(), 16 * 1024);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            Socket closing = socket;
            socket = null;
            closing.close();
        }
    }
}
