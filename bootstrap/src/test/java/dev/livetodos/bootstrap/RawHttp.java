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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(.*)");

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

    /**
     * The method and target of the request, read as leniently as the server reads them (a target
     * may hold spaces); the target null when the line has none (sent broken on purpose).
     */
    private static String[] requestLine(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        String line = end < 0 ? text : text.substring(0, end);
        int afterMethod = line.indexOf(' ');
        int version = line.lastIndexOf(" HTTP/");
        if (afterMethod < 0 || version <= afterMethod) {
            return new String[] {afterMethod < 0 ? line : line.substring(0, afterMethod), null};
        }
        String target = line.substring(afterMethod + 1, version);
        // The absolute form (http://host/path) names the same resource as its path.
        Matcher absolute = ABSOLUTE_FORM.matcher(target);
        if (absolute.matches()) {
            target = absolute.group(1).isEmpty() ? "/" : absolute.group(1);
        }
        return new String[] {line.substring(0, afterMethod), target.startsWith("/") ? target : null};
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
        if (status >= 100 && status < 200 && status != 101) {
            // An interim answer (100 Continue to an Expect): the answer is the one after it.
            return parse(body);
        }
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
