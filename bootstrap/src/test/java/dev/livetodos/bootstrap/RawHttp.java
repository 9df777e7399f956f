package dev.livetodos.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a socket, for requests no client library would send: broken header
 * values, bytes that are not UTF-8, request lines and headers past the server's limits.
 */
final class RawHttp {

    /** What came back: the status, headers with lower-case names, and the body as sent. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private RawHttp() {
    }

    /**
     * Sends the bytes as they are (the request must ask to close the connection) and reads the
     * answer to its end; an answer the API's document does not allow fails ({@link OpenApiContract}).
     */
    static Answer exchange(int port, byte[] request) throws IOException {
        Answer answer = send(port, request);
        String[] line = requestLine(request);
        OpenApiContract.API.check(new OpenApiContract.Exchange(line[0], line[1], answer.status(),
                name -> answer.headers().containsKey(name.toLowerCase(Locale.ROOT))
                        ? List.of(answer.headers().get(name.toLowerCase(Locale.ROOT)))
                        : List.of(),
                answer.body()));
        return answer;
    }

    /** The method and target of the request, or the target null when its line is not one (sent broken on purpose). */
    private static String[] requestLine(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        String[] parts = (end < 0 ? text : text.substring(0, end)).split(" ", -1);
        boolean readable = parts.length == 3 && parts[1].startsWith("/") && parts[2].startsWith("HTTP/");
        return readable ? new String[] {parts[0], parts[1]} : new String[] {parts[0], null};
    }

    private static Answer send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedWhileSending) {
                // The server may answer and close before it has read all of a request it refuses.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: localhost\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int read; (read = in.read(chunk)) != -1; ) {
                all.write(chunk, 0, read);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer was sent still leaves the answer.
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no complete answer: " + abbreviate(text));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        while (at < chunked.length) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
