package dev.livetodos.adapter.wire;

/**
 * What the server answers a client message it does not understand:
 * {@code {"type":"error","message":"…"}}, the message in words for a developer, never internals.
 */
public record ErrorMessage(String type, String message) {

    public static final String TYPE = "error";

    /** The answer to any client message but a ping, on both hosts. */
    public static final ErrorMessage ONLY_PING_IS_UNDERSTOOD = new ErrorMessage("Only {\"type\":\"ping\"} is understood.");

    public ErrorMessage(String message) {
        this(TYPE, message);
    }

    public ErrorMessage {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("an error's type is " + TYPE + ", was " + type);
        }
    }
}
