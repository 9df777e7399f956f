package dev.livetodos.adapter.wire;

/**
 * A message that is only its type: the server's {@code {"type":"pong"}}, and the client's
 * {@code {"type":"ping"}} (which may carry more fields; only the type is read).
 */
public record TypedMessage(String type) {

    public static final TypedMessage PING = new TypedMessage("ping");
    public static final TypedMessage PONG = new TypedMessage("pong");
}
