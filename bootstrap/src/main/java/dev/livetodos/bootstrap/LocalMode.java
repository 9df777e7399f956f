package dev.livetodos.bootstrap;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Local mode is on exactly when no {@code livetodos.table-name} is configured: then the server
 * brings its own store. Use as {@code @Conditional(LocalMode.class)}, or {@code LocalMode.Off}.
 */
public final class LocalMode implements Condition {

    static boolean isOn(Environment environment) {
        String tableName = environment.getProperty("livetodos.table-name");
        return tableName == null || tableName.isBlank();
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isOn(context.getEnvironment());
    }

    /** Matches where changes go out live: locally always, on AWS once a connections table is set. */
    public static final class LiveChanges implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            String connections = environment.getProperty("livetodos.connections-table");
            return isOn(environment) || (connections != null && !connections.isBlank());
        }
    }

    /** Matches when a table is configured: the AWS side of the server. */
    public static final class Off implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isOn(context.getEnvironment());
        }
    }
}
