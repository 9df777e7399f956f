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

    /** Matches when a table is configured: the AWS side of the server. */
    public static final class Off implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isOn(context.getEnvironment());
        }
    }
}
