package dev.livetodos.domain.model;

import java.util.Objects;

/** Someone who hears of every change as it happens: one open WebSocket connection of a browser. */
public record SubscriberId(String value) {

    public SubscriberId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a subscriber id is not blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
