package dev.livetodos.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

import java.util.Locale;

/**
 * Where a deployment stands: {@code dev} can be thrown away with everything in it, {@code prod}
 * keeps the todos even when the stack is deleted. Chosen with {@code -c stage=dev|prod}.
 */
enum Stage {
    DEV(RemovalPolicy.DESTROY, false, RetentionDays.ONE_WEEK),
    PROD(RemovalPolicy.RETAIN, true, RetentionDays.THREE_MONTHS);

    static final String CONTEXT_KEY = "stage";

    private final RemovalPolicy dataRemovalPolicy;
    private final boolean deletionProtection;
    private final RetentionDays logRetention;

    Stage(RemovalPolicy dataRemovalPolicy, boolean deletionProtection, RetentionDays logRetention) {
        this.dataRemovalPolicy = dataRemovalPolicy;
        this.deletionProtection = deletionProtection;
        this.logRetention = logRetention;
    }

    static Stage fromContext(Node node) {
        Object value = node.tryGetContext(CONTEXT_KEY);
        if (value == null) {
            return DEV;
        }
        String name = value.toString().trim().toLowerCase(Locale.ROOT);
        for (Stage stage : values()) {
            if (stage.id().equals(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown stage '" + value + "': use -c stage=dev or -c stage=prod");
    }

    /** The name in stack names, the WebSocket stage and tags: {@code dev} or {@code prod}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What happens to the todos (and logs) when the stack or the resource goes away. */
    RemovalPolicy dataRemovalPolicy() {
        return dataRemovalPolicy;
    }

    boolean deletionProtection() {
        return deletionProtection;
    }

    RetentionDays logRetention() {
        return logRetention;
    }
}
