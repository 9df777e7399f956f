package dev.livetodos.bootstrap;

import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;
import reactor.netty.channel.AbortedException;

/**
 * Where Reactor sends an error that arrives after its subscriber is gone. A client that stopped
 * sending or went away mid-request is the client's doing, and common on the open internet: it
 * gets one debug line, not Reactor's default of an error with a stack trace for every such
 * request. Anything else still gets a warning with its stack trace.
 */
final class DroppedErrors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

    DroppedErrors() {
        Hooks.onErrorDropped(DroppedErrors::dropped);
    }

    private static void dropped(Throwable error) {
        if (error instanceof ReadTimeoutException || AbortedException.isConnectionReset(error)
                || error instanceof AbortedException) {
            log.debug("A request ended before its answer: {}", error.toString());
        } else {
            log.warn("An error arrived after its request had ended", error);
        }
    }

    @Override
    public void close() {
        Hooks.resetOnErrorDropped();
    }
}
