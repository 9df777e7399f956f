package dev.livetodos.adapter.in.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A WebSocket handshake written by hand on a plain socket, for what a browser's client would hide:
 * the status and body of a refused handshake, any {@code Origin}, and a client that after the
 * handshake never sends anything, not even a pong.
 */
final class RawHandshake implements AutoCloseable {

    private final Socket socket;
    final int status;
    final String head;
    final String body;

    private RawHandshake(Socket socket, int status, String head, String body) {
        this.socket = socket;
        this.status = status;
        this.head = head;
        this.body = body;
    }

    /** Sends the handshake (with this {@code Origin}, or none when null) and reads the answer's head, and its body when refused. */
    static RawHandshake open(int port, String origin) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            String request = "GET " + TodoWebSocketHandler.PATH + "?ticket=" + LocalWebSocketHost.TICKET + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            String body = "";
            if (status != 101) {
                int length = contentLength(head);
                body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            return new RawHandshake(socket, status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the server closed the connection in the answer's head: " + head);
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        throw new IllegalStateException("no Content-Length in " + head);
    }

    /**
     * Reads (and drops) whatever the server sends, never answering, until the server closes the
     * connection: true then, false if it was still open after the socket's 30-second read timeout.
     */
    boolean closedByServer() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // pings and the close frame, unanswered
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
