package dev.livetodos.archfixtures.logging;

/** Breaks the logging rule on purpose: logs through the JDK's System.Logger. */
public class SystemLoggerFunction {

    private static final System.Logger log = System.getLogger(SystemLoggerFunction.class.getName());

    void refuse(String from) {
        log.log(System.Logger.Level.INFO, "Refused a connection from {0}", from);
    }
}
