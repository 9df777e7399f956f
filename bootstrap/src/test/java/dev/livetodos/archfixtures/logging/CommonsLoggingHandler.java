package dev.livetodos.archfixtures.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Breaks the logging rule on purpose: logs through commons-logging (Spring's own bridge). */
public class CommonsLoggingHandler {

    private static final Log log = LogFactory.getLog(CommonsLoggingHandler.class);

    void fail(RuntimeException error) {
        log.error("Unexpected failure", error);
    }
}
