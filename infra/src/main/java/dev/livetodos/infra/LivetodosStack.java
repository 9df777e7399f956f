package dev.livetodos.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;

/**
 * livetodos on AWS, one stack per stage: the tables, the HTTP API, the live changes (WebSocket API
 * and stream function), sign-in (Cognito), the web site in front of them, and the alarms.
 */
final class LivetodosStack extends Stack {

    LivetodosStack(Construct scope, String id, Stage stage, AssetPaths assets, HttpColdStart httpColdStart) {
        super(scope, id, StackProps.builder()
                .description("livetodos (" + stage.id() + "): todos in DynamoDB whose browser lists update live")
                .build());
        Tags.of(this).add("app", "livetodos");
        Tags.of(this).add("stage", stage.id());

        TodoTables tables = new TodoTables(this, "TodoTables", stage);
        LiveChanges liveChanges = new LiveChanges(this, "LiveChanges", tables, assets.lambdaJar(), stage);
        StreamProcessing streamProcessing = new StreamProcessing(this, "StreamProcessing", tables, liveChanges);
        HttpApi httpApi = new HttpApi(this, "HttpApi", tables.todos(), assets.httpLambda(), httpColdStart, stage);
        SignIn signIn = new SignIn(this, "SignIn", stage);
        // The site adds the page's app client to the pool: its URLs are the site's.
        WebSite webSite = new WebSite(this, "WebSite", httpApi, liveChanges, signIn, assets.builtWebAssets());
        liveChanges.allowPagesFrom(webSite.url());
        httpApi.acceptTokensFrom(signIn);
        liveChanges.acceptTokensFrom(signIn);

        List<JavaFunction> functions = new ArrayList<>(liveChanges.functions());
        functions.add(streamProcessing.function());
        functions.add(httpApi.function());
        Monitoring.publishMetrics(httpApi.function());
        Monitoring.publishMetrics(streamProcessing.function());
        new Monitoring(this, "Monitoring", streamProcessing, httpApi, liveChanges, functions, signIn);

        CfnOutput.Builder.create(this, "SiteUrl").value(webSite.url())
                .description("Open this in two browser windows").build();
        CfnOutput.Builder.create(this, "ApiUrl").value(webSite.url() + "/api")
                .description("The HTTP API (writes need x-amz-content-sha256, see the README)").build();
        CfnOutput.Builder.create(this, "WebSocketUrl").value(liveChanges.url())
                .description("Live changes").build();
        CfnOutput.Builder.create(this, "Issuer").value(signIn.issuer())
                .description("The OpenID Connect issuer whose access tokens the API accepts").build();
        CfnOutput.Builder.create(this, "ClientId").value(signIn.clientId())
                .description("The page's app client (authorization code with PKCE)").build();
        CfnOutput.Builder.create(this, "SignInUrl").value(signIn.loginBaseUrl())
                .description("Cognito's managed login pages (sign up, sign in)").build();
    }
}
