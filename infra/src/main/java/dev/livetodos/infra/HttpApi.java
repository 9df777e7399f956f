package dev.livetodos.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.InvokeMode;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.constructs.Construct;

/**
 * The HTTP API: the same WebFlux server as locally, unchanged, on Lambda through the AWS Lambda
 * Web Adapter layer (it starts {@code run.sh}, waits until the server answers, then turns each
 * invocation into an HTTP request to it). Reached through a Function URL that only CloudFront
 * may call (IAM auth, origin access control).
 */
final class HttpApi extends Construct {

    /** AWS Lambda Web Adapter 1.1.0 for x86_64, published by AWS in every commercial region. */
    static final String WEB_ADAPTER_LAYER_VERSION = "30";
    static final String HANDLER = "run.sh";
    static final String PORT = "8080";
    /**
     * What the Web Adapter polls until the server is up (and again after a SnapStart restore):
     * Actuator's readiness group, which reads one absent item from the table (the cheapest call that
     * proves it answers). An environment that cannot reach its table takes no requests it would only fail.
     */
    static final String READINESS_CHECK_PATH = "/actuator/health/readiness";
    /**
     * Actuator on the API's own port (the Web Adapter reaches only that one), exposing health alone.
     * Nothing under {@code /actuator} is reachable from outside: CloudFront forwards only {@code /api/*}
     * to the Function URL, and the URL takes only CloudFront's signed requests.
     */
    static final Map<String, String> MANAGEMENT = Map.of(
            "MANAGEMENT_SERVER_PORT", PORT,
            "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health",
            "MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS", "never");
    /**
     * 1,769 MB is one full vCPU; Spring's start (at publish time under SnapStart, at every cold
     * start without it) is CPU-bound, and about 0.6 vCPU at 1,024 MB makes it markedly slower.
     */
    static final int MEMORY_MB = 1769;
    /** CloudFront's default origin response timeout. */
    static final Duration TIMEOUT = Duration.seconds(30);

    private final JavaFunction function;
    private final FunctionUrl url;

    HttpApi(Construct scope, String id, ITable todos, Path httpLambda, HttpColdStart coldStart, Stage stage) {
        super(scope, id);
        ILayerVersion webAdapter = LayerVersion.fromLayerVersionArn(this, "WebAdapter",
                "arn:aws:lambda:" + Stack.of(this).getRegion() + ":753240598075:layer:LambdaAdapterLayerX86:"
                        + WEB_ADAPTER_LAYER_VERSION);
        function = new JavaFunction(this, "Http", new JavaFunction.Settings(
                "livetodos HTTP API: the WebFlux server behind the Lambda Web Adapter",
                Code.fromAsset(httpLambda.toString()),
                HANDLER,
                withManagement(Map.of("AWS_LAMBDA_EXEC_WRAPPER", "/opt/bootstrap",
                        "AWS_LWA_PORT", PORT,
                        "AWS_LWA_READINESS_CHECK_PATH", READINESS_CHECK_PATH,
                        "LIVETODOS_TABLE_NAME", todos.getTableName())),
                List.of(webAdapter), MEMORY_MB, TIMEOUT, coldStart == HttpColdStart.SNAPSTART, stage));

        // What the DynamoDB adapters call: GetItem (and TransactGetItems, which needs it), BatchGetItem
        // (a list and the caller's membership), Query (a list's todos and members, v1's todos being
        // moved); every write is a TransactWriteItems, which needs the action of each of its items:
        // PutItem (create, update, lists, members, invites, tickets, a write kept under its
        // idempotency key), UpdateItem (a delete's tombstone, the list's seq), DeleteItem (v1's todos
        // leaving their old key, a used invite) and ConditionCheckItem (the writer's membership);
        // BatchWriteItem removes
        // a deleted list's items. Table.grant would add <table>/index/*: the function reads two
        // indexes, GSI1 (a person's lists) and GSI2 (a list's change feed), and only queries them.
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                        "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem",
                        "dynamodb:BatchWriteItem"))
                .resources(List.of(todos.getTableArn()))
                .build());
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(todos.getTableArn() + "/index/" + TodoTables.PEOPLES_LISTS_INDEX,
                        todos.getTableArn() + "/index/" + TodoTables.CHANGE_FEED_INDEX))
                .build());

        url = function.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.AWS_IAM)
                .invokeMode(InvokeMode.BUFFERED)
                .build());
    }

    private static Map<String, String> withManagement(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(MANAGEMENT);
        return all;
    }

    /** {@code livetodos.security.token-header}: the request header the server reads {@code Bearer <token>} from. */
    static final String TOKEN_HEADER_SETTING = "LIVETODOS_SECURITY_TOKEN_HEADER";

    /**
     * The server accepts the access tokens of the page's app client, and reads them from the header
     * CloudFront moves them to ({@link WebSite#TOKEN_HEADER}): CloudFront's own signature fills
     * {@code Authorization}.
     */
    void acceptTokensFrom(SignIn signIn) {
        signIn.resourceServerEnvironment().forEach(function.function()::addEnvironment);
        function.function().addEnvironment(TOKEN_HEADER_SETTING, WebSite.TOKEN_HEADER);
    }

    JavaFunction function() {
        return function;
    }

    FunctionUrl url() {
        return url;
    }
}
