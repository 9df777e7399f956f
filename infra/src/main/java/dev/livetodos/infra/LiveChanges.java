package dev.livetodos.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRoute;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket API browsers keep open: {@code $connect} stores the connection once its Lambda
 * REQUEST authorizer has redeemed the page's single-use ticket ({@code ?ticket=…}, issued by the
 * signed-in HTTP API), {@code $disconnect} forgets it, {@code $default} answers pings. Each route
 * (and the authorizer) calls its function's {@code live} alias.
 * Only {@code message} may post to connections here (the stream function is the other sender).
 */
final class LiveChanges extends Construct {

    /** Steady requests per second (connects and pings; a browser pings every four minutes) and the burst above it. */
    static final int THROTTLE_RATE = 50;
    static final int THROTTLE_BURST = 100;
    static final Duration ROUTE_TIMEOUT = Duration.seconds(10);

    private final WebSocketApi api;
    private final WebSocketStage stage;
    private final SpringFunctions springFunctions;
    private final List<JavaFunction> functions;
    private final JavaFunction connect;
    private final JavaFunction authorizer;

    /** Where API Gateway finds what the authorizer checks: the single-use ticket in the handshake's URL. */
    static final String TICKET_IDENTITY_SOURCE = "route.request.querystring.ticket";

    LiveChanges(Construct scope, String id, TodoTables tables, Path lambdaJar, Stage deployment) {
        super(scope, id);
        api = WebSocketApi.Builder.create(this, "Api")
                .apiName("livetodos-" + deployment.id())
                .description("livetodos live changes: one frame per batch of todo changes")
                .build();
        stage = WebSocketStage.Builder.create(this, "Stage")
                .webSocketApi(api)
                .stageName(deployment.id())
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(THROTTLE_RATE).burstLimit(THROTTLE_BURST).build())
                .build();
        springFunctions = new SpringFunctions(lambdaJar, tables.todos(), tables.connections(), stage.getCallbackUrl(), deployment);

        authorizer = springFunctions.create(this, "AuthorizeConnect", "authorizeConnect",
                "livetodos $connect authorizer: redeems the page's single-use ticket", ROUTE_TIMEOUT);
        connect = springFunctions.create(this, "Connect", "connect",
                "livetodos $connect: remembers the connection", ROUTE_TIMEOUT);
        JavaFunction disconnect = springFunctions.create(this, "Disconnect", "disconnect",
                "livetodos $disconnect: forgets the connection", ROUTE_TIMEOUT);
        JavaFunction message = springFunctions.create(this, "Message", "message",
                "livetodos $default: answers pings", ROUTE_TIMEOUT);
        functions = List.of(authorizer, connect, disconnect, message);

        // Redeeming is one conditional DeleteItem that hands the ticket back (DynamoDbLiveTickets),
        // on the table only: Table.grant would add <table>/index/*, which tickets never touch.
        authorizer.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:DeleteItem"))
                .resources(List.of(tables.todos().getTableArn()))
                .build());

        // On the table only: Table.grant would add <table>/index/*, which these never touch.
        onConnectionsTable(connect, tables, "dynamodb:PutItem");
        onConnectionsTable(disconnect, tables, "dynamodb:DeleteItem");
        // message answers over the connection and forgets one that API Gateway says is gone.
        onConnectionsTable(message, tables, "dynamodb:DeleteItem");
        grantPostToConnections(message);

        WebSocketRoute connectRoute = api.addRoute("$connect", WebSocketRouteOptions.builder()
                .integration(new WebSocketLambdaIntegration("ConnectIntegration", connect.alias()))
                // Without a ticket in the URL API Gateway answers 401 and the function is never called.
                .authorizer(new WebSocketLambdaAuthorizer("TicketAuthorizer", authorizer.alias(),
                        WebSocketLambdaAuthorizerProps.builder()
                                .authorizerName("livetodos-" + deployment.id() + "-ticket")
                                .identitySource(List.of(TICKET_IDENTITY_SOURCE))
                                .build()))
                .build());
        WebSocketRoute disconnectRoute = route("$disconnect", "Disconnect", disconnect.alias());
        WebSocketRoute defaultRoute = route("$default", "Default", message.alias());
        for (WebSocketRoute afterConnect : List.of(disconnectRoute, defaultRoute)) {
            Nag.suppress(afterConnect, "AwsSolutions-APIG4",
                    "API Gateway allows an authorizer on a WebSocket API's $connect route only: the connection is "
                            + "authorized once, when it opens (the ticket authorizer), and every later message and the "
                            + "disconnect travel on that authorized connection.");
        }
        // The stage deploys automatically; let it come after the routes it deploys.
        stage.getNode().addDependency(connectRoute, disconnectRoute, defaultRoute);

        Nag.suppress(stage, "AwsSolutions-APIG1",
                "WebSocket access logging needs the account-wide API Gateway CloudWatch role, which one app's stack "
                        + "should not set for the whole account; every route's function logs each call instead.");
    }

    private WebSocketRoute route(String routeKey, String name, IFunction target) {
        return api.addRoute(routeKey, WebSocketRouteOptions.builder()
                .integration(new WebSocketLambdaIntegration(name + "Integration", target))
                .build());
    }

    /**
     * {@code execute-api:ManageConnections} on this stage's {@code @connections} only: the
     * connection ids are known at run time, so the resource ends in a wildcard.
     */
    private static void onConnectionsTable(JavaFunction function, TodoTables tables, String action) {
        function.function().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of(action))
                .resources(List.of(tables.connections().getTableArn()))
                .build());
    }

    void grantPostToConnections(JavaFunction function) {
        stage.grantManagementApiAccess(function.function());
        Nag.suppressMatching(function, "AwsSolutions-IAM5",
                "Posting to a browser needs its connection id, which exists only at run time: the grant covers "
                        + "@connections/* of this API's stage and nothing else (WebSocketStage.grantManagementApiAccess).",
                "/^Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<LiveChangesApi[0-9A-F]+>/"
                        + stage.getStageName() + "/\\*/@connections/\\*$/");
    }

    /**
     * Only pages of this site may open a live connection: {@code $connect} refuses a handshake
     * from any other {@code Origin} with 403 (a page on another site could otherwise read every change).
     */
    void allowPagesFrom(String siteUrl) {
        // The authorizer checks first, so a foreign page uses up no ticket; $connect checks again.
        authorizer.function().addEnvironment(ALLOWED_ORIGINS, siteUrl);
        connect.function().addEnvironment(ALLOWED_ORIGINS, siteUrl);
    }

    /**
     * The WebSocket functions know the same issuer, keys and client as the HTTP API, so whatever
     * of them checks a person's token (the {@code $connect} authorizer of a later step) checks it
     * the same way. API Gateway passes headers through untouched, so no header setting here.
     * (The {@code $connect} authorizer checks a ticket, not a token: the HTTP API checked the
     * token when it issued the ticket.)
     */
    void acceptTokensFrom(SignIn signIn) {
        Map<String, String> environment = signIn.resourceServerEnvironment();
        functions.forEach(function -> environment.forEach(function.function()::addEnvironment));
    }

    /** The setting {@code livetodos.allowed-origins} of the {@code $connect} function and its authorizer. */
    static final String ALLOWED_ORIGINS = "LIVETODOS_ALLOWED_ORIGINS";

    SpringFunctions springFunctions() {
        return springFunctions;
    }

    List<JavaFunction> functions() {
        return functions;
    }

    WebSocketApi api() {
        return api;
    }

    /** {@code wss://{api-id}.execute-api.{region}.amazonaws.com/{stage}}: where browsers connect. */
    String url() {
        return stage.getUrl();
    }
}
