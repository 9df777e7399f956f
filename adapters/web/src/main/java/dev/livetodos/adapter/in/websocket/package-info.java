/**
 * The local WebSocket endpoint at {@code /ws}: {@link dev.livetodos.adapter.in.websocket.TodoWebSocketHandler}
 * keeps each session's life: it subscribes the session (through {@code adapter.out.websocket}),
 * writes its frames, answers its pings and forgets it when it ends. The server pings every session
 * and closes one that stays silent past a deadline; the handshake is admitted only from allowed
 * pages and within caps on open sessions ({@link dev.livetodos.adapter.in.websocket.WebSocketLimits}).
 * Everything else here is package-private.
 */
package dev.livetodos.adapter.in.websocket;
