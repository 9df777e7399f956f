package dev.livetodos.adapter.in.websocket;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a live connection may stay silent and how many may be open. A connection that has
 * sent nothing (not even the pong a browser answers every ping with) for {@code silenceDeadline}
 * is closed, so lost clients do not hold a socket each; past {@code maxSessions} in all, or
 * {@code maxSessionsPerAddress} from one client address, the handshake is refused.
 *
 * @param pingInterval          how often the server pings each connection
 * @param silenceDeadline       a connection that sent nothing for this long is closed; longer than the ping interval
 * @param maxSessions           open connections in all
 * @param maxSessionsPerAddress open connections from one client address
 * @param capLoopback           whether the per-address cap holds for loopback clients too. By default
 *                              it does not: a server on loopback only sees the machine's own address,
 *                              where the cap would limit all of the person's own tabs and tools together
 *                              (they still count towards {@code maxSessions})
 */
public record WebSocketLimits(Duration pingInterval, Duration silenceDeadline, int maxSessions, int maxSessionsPerAddress,
                              boolean capLoopback) {

    /** Ping every 20 s, close after 45 s of silence (so within 60 s); 10,000 connections, 50 per address. */
    public static final WebSocketLimits DEFAULTS = new WebSocketLimits(Duration.ofSeconds(20), Duration.ofSeconds(45), 10_000, 50, false);

    public WebSocketLimits {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(silenceDeadline, "silenceDeadline");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("the ping interval must be positive, was " + pingInterval);
        }
        if (silenceDeadline.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("the silence deadline (" + silenceDeadline
                    + ") must be longer than the ping interval (" + pingInterval + "), or answering clients are closed");
        }
        if (maxSessions < 1 || maxSessionsPerAddress < 1) {
            throw new IllegalArgumentException("the session caps must be at least 1, were " + maxSessions + " and " + maxSessionsPerAddress);
        }
    }
}
