package dev.livetodos.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The functions of the Spring Cloud Function jar ({@code livetodos-aws.jar}): one jar, one handler
 * ({@code FunctionInvoker}), one function per Lambda picked by {@code spring_cloud_function_definition},
 * each on SnapStart. The application is named by strings only: infra never loads its classes.
 */
final class SpringFunctions {

    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker";
    /** Spring Cloud Function finds the application by this; the jar's manifest names the same class. */
    static final String MAIN_CLASS = "dev.livetodos.bootstrap.LivetodosApplication";
    static final int MEMORY_MB = 1024;

    private final Code code;
    private final ITable todos;
    private final ITable connections;
    private final String webSocketEndpoint;
    private final Stage stage;

    SpringFunctions(Path lambdaJar, ITable todos, ITable connections, String webSocketEndpoint, Stage stage) {
        // A .jar is uploaded as it is (Lambda reads it as a zip), once for every function that uses it.
        this.code = Code.fromAsset(lambdaJar.toString());
        this.todos = todos;
        this.connections = connections;
        this.webSocketEndpoint = webSocketEndpoint;
        this.stage = stage;
    }

    JavaFunction create(Construct scope, String id, String definition, String description, Duration timeout) {
        return new JavaFunction(scope, id, new JavaFunction.Settings(
                description, code, HANDLER,
                Map.of("spring_cloud_function_definition", definition,
                        "MAIN_CLASS", MAIN_CLASS,
                        "LIVETODOS_TABLE_NAME", todos.getTableName(),
                        "LIVETODOS_CONNECTIONS_TABLE", connections.getTableName(),
                        "LIVETODOS_WEBSOCKET_ENDPOINT", webSocketEndpoint),
                List.of(), MEMORY_MB, timeout, true, stage));
    }
}
