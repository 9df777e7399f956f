/**
 * The local WebSocket host at {@code /ws}: every open session is a subscriber
 * ({@link dev.livetodos.adapter.out.websocket.WebSocketSubscribers}) that hears of every change, and
 * {@link dev.livetodos.adapter.out.websocket.TodoWebSocketHandler} keeps each session's life: it
 * registers the session, writes its frames, answers its pings and forgets it when it ends.
 * Each session has its own bounded outbound buffer, so a client that stops reading is closed
 * (1013) instead of slowing the others or growing memory. The server pings every session and
 * closes one that stays silent past a deadline; the handshake is admitted only from allowed
 * pages and within caps on open sessions ({@link dev.livetodos.adapter.out.websocket.WebSocketLimits}).
 * Everything else here is package-private.
 */
package dev.livetodos.adapter.out.websocket;
