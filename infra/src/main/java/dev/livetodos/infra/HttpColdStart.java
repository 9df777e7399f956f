package dev.livetodos.infra;

import software.constructs.Node;

import java.util.Locale;

/**
 * How the HTTP function gets past a cold start. One place to change it (or
 * {@code -c httpColdStart=none}) once measurements on Lambda say which is faster.
 */
enum HttpColdStart {
    /**
     * Lambda SnapStart on published versions: the Web Adapter starts the Spring Boot server once
     * when a version is published, and Lambda restores that snapshot instead of booting the JVM
     * and Spring on every cold start. The Web Adapter supports SnapStart (it re-checks readiness
     * after a restore), and the Function URL points at the {@code live} alias so it is used.
     */
    SNAPSTART,
    /** A plain cold start: the JVM and Spring Boot start on every new execution environment. */
    NONE;

    static final String CONTEXT_KEY = "httpColdStart";

    static HttpColdStart fromContext(Node node) {
        Object value = node.tryGetContext(CONTEXT_KEY);
        return value == null ? SNAPSTART : valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
    }
}
