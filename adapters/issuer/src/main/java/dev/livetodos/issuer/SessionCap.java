package dev.livetodos.issuer;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the issuer's sessions (kept in memory by Jetty) to at most {@code max}: past that, the
 * oldest is ended, and its person signs in again at their next renewal. Every visit to the sign-in
 * page makes a session, so without a cap a loop of requests could fill the memory.
 */
final class SessionCap implements HttpSessionListener, HttpSessionIdListener {

    private final int max;
    private final Map<String, HttpSession> sessions = new LinkedHashMap<>();

    SessionCap(int max) {
        this.max = max;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        List<HttpSession> ended = new ArrayList<>();
        synchronized (sessions) {
            sessions.put(event.getSession().getId(), event.getSession());
            var oldestFirst = sessions.values().iterator();
            while (sessions.size() > max && oldestFirst.hasNext()) {
                ended.add(oldestFirst.next());
                oldestFirst.remove();
            }
        }
        for (HttpSession oldest : ended) {
            try {
                oldest.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // It ended on its own meanwhile: what the cap wanted.
            }
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        synchronized (sessions) {
            sessions.remove(event.getSession().getId());
        }
    }

    /** Signing in gives the session a new id (against session fixation); it keeps its place. */
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        synchronized (sessions) {
            Map<String, HttpSession> renamed = new LinkedHashMap<>();
            sessions.forEach((id, session) -> renamed.put(id.equals(oldSessionId) ? event.getSession().getId() : id,
                    id.equals(oldSessionId) ? event.getSession() : session));
            sessions.clear();
            sessions.putAll(renamed);
        }
    }

    /** Sessions open now. */
    int open() {
        synchronized (sessions) {
            return sessions.size();
        }
    }
}
