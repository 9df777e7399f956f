package dev.livetodos.adapter.in.websocket;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live connections open (or being opened), in all and per client address. A place is taken
 * before the handshake and given back exactly once when the connection ends or never opens.
 */
final class SessionCounts {

    enum Refusal { SERVER_FULL, ADDRESS_FULL }

    /** Either a place, or why there is none. */
    record Admission(Place place, Refusal refusal) {
    }

    private final int max;
    private final int maxPerAddress;
    private final boolean capLoopback;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int total;

    SessionCounts(int max, int maxPerAddress, boolean capLoopback) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.capLoopback = capLoopback;
    }

    /** Handshakes are rare next to frames; one lock keeps both counts exact. */
    synchronized Admission admit(InetAddress client) {
        String address = client == null ? "unknown" : client.getHostAddress();
        boolean capped = client == null || capLoopback || !client.isLoopbackAddress();
        if (total >= max) {
            return new Admission(null, Refusal.SERVER_FULL);
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (capped && fromAddress >= maxPerAddress) {
            return new Admission(null, Refusal.ADDRESS_FULL);
        }
        total++;
        perAddress.put(address, fromAddress + 1);
        return new Admission(new Place(address), null);
    }

    synchronized int total() {
        return total;
    }

    private synchronized void release(String address) {
        total--;
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    /** One connection's place; giving it back twice counts once. */
    final class Place {

        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(String address) {
            this.address = address;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                SessionCounts.this.release(address);
            }
        }
    }
}
