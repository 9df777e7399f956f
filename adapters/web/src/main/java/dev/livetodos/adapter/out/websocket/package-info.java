/**
 * Sending to the local WebSocket sessions: every open session is a subscriber
 * ({@link dev.livetodos.adapter.out.websocket.WebSocketSubscribers}) that hears of every change,
 * through its own bounded outbound buffer ({@link dev.livetodos.adapter.out.websocket.SessionOutbox}),
 * so a client that stops reading is closed (1013) instead of slowing the others or growing memory.
 * The sessions themselves are opened and kept by the endpoint in {@code adapter.in.websocket}.
 */
package dev.livetodos.adapter.out.websocket;
