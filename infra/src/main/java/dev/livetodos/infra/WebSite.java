package dev.livetodos.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a browser opens: one CloudFront distribution with the browser app from a private S3 bucket
 * at {@code /} and the HTTP API's Function URL at {@code /api/*}, both reached only through
 * CloudFront (origin access control), with security headers on every answer. The bucket gets the
 * built app and the {@code config.json} that tells the page where the API and the WebSocket are and
 * who signs people in. The page's app client in the user pool is added here, since its URLs are
 * this distribution's.
 */
final class WebSite extends Construct {

    static final String API_PATH = "/api/*";
    static final String CONFIG_FILE = "config.json";
    /** Vite puts content-hashed files here; a new build gets new names, so they can be kept a year. */
    static final String HASHED_ASSETS = "assets";
    /**
     * Where the {@code /api/*} viewer-request function puts the person's {@code Authorization: Bearer …}
     * (cloudfront/api-request.js): origin access control signs the request in {@code Authorization}.
     */
    static final String TOKEN_HEADER = "X-Livetodos-Authorization";

    private final Bucket bucket;
    private final Distribution distribution;

    WebSite(Construct scope, String id, HttpApi httpApi, LiveChanges liveChanges, SignIn signIn, Optional<Path> webAssets) {
        super(scope, id);
        // Rebuilt from the build on every deploy, so it goes with the stack in every stage.
        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();

        ResponseHeadersPolicy securityHeaders = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("livetodos: security headers on the page, its files and the API")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(contentSecurityPolicy(liveChanges, signIn)).override(true).build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY).override(true).build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER).override(true).build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(365)).includeSubdomains(true).override(true).build())
                        .build())
                .build();

        BehaviorOptions site = BehaviorOptions.builder()
                .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                .responseHeadersPolicy(securityHeaders)
                .functionAssociations(List.of(viewerRequest("SpaFallback", "cloudfront/spa-fallback.js",
                        "livetodos: the page for its own routes")))
                .build();
        BehaviorOptions api = BehaviorOptions.builder()
                .origin(FunctionUrlOrigin.withOriginAccessControl(httpApi.url()))
                // A redirect would turn a POST into a GET: the API is HTTPS or nothing.
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                // Every header, cookie and query string, but the Host header: the Function URL must see its own.
                // That includes X-Livetodos-Authorization as the viewer-request function leaves it; never
                // Authorization, which no origin request policy may forward and origin access control signs.
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .responseHeadersPolicy(securityHeaders)
                .functionAssociations(List.of(viewerRequest("ApiRequest", "cloudfront/api-request.js",
                        "livetodos: API writes carry x-amz-content-sha256; the bearer token moves to " + TOKEN_HEADER)))
                .build();
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("livetodos " + Aws.STACK_NAME)
                .defaultRootObject("index.html")
                .defaultBehavior(site)
                .additionalBehaviors(Map.of(API_PATH, api))
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .build();
        allowCloudFrontToInvoke(httpApi);
        signIn.addPage(url());

        deploy(webAssets, liveChanges, signIn);
        suppressDeploymentHandlerFindings();

        Nag.suppress(bucket, "AwsSolutions-S1",
                "The bucket holds only the built browser app, written by the deployment and read by CloudFront alone; "
                        + "server access logs would need a second bucket and would record nothing but CloudFront's reads.");
        Nag.suppress(distribution, "AwsSolutions-CFR1",
                "livetodos is for anyone, anywhere: there is no country to keep out.");
        Nag.suppress(distribution, "AwsSolutions-CFR2",
                "No AWS WAF web ACL (about 5-10 USD a month before any request): the WebSocket stage is throttled and "
                        + "the API has Lambda's concurrency limit; add a web ACL when the app is exposed to real traffic.");
        Nag.suppress(distribution, "AwsSolutions-CFR3",
                "No CloudFront access logs: they need a log bucket with ACLs enabled; the API function logs every request "
                        + "it serves, and CloudFront's request metrics are on by default.");
        Nag.suppress(distribution, "AwsSolutions-CFR4",
                "The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the TLS policy; "
                        + "a custom domain with an ACM certificate would allow TLSv1.2_2021 as the minimum.");
    }

    /**
     * The page may talk to its own origin, its WebSocket and Cognito: the issuer's host for the
     * discovery document, the managed login domain for the token, revocation and user info
     * endpoints. Sign-in and sign-out are navigations, which {@code connect-src} does not govern.
     * The browser database (SQLite compiled to WebAssembly, in a worker of the page's own origin)
     * needs {@code 'wasm-unsafe-eval'} to compile its module, which the build inlines as a
     * {@code data:} URL the worker fetches: no other script may be evaluated.
     */
    private static String contentSecurityPolicy(LiveChanges liveChanges, SignIn signIn) {
        String webSocketHost = "wss://" + liveChanges.api().getApiId() + ".execute-api." + Aws.REGION + "." + Aws.URL_SUFFIX;
        String issuerHost = "https://cognito-idp." + Aws.REGION + "." + Aws.URL_SUFFIX;
        return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + webSocketHost + " " + issuerHost + " " + signIn.loginBaseUrl() + " data:; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private FunctionAssociation viewerRequest(String id, String resource, String comment) {
        software.amazon.awscdk.services.cloudfront.Function function =
                software.amazon.awscdk.services.cloudfront.Function.Builder.create(this, id)
                        .runtime(FunctionRuntime.JS_2_0)
                        .comment(comment)
                        .code(FunctionCode.fromInline(resource(resource)))
                        .build();
        return FunctionAssociation.builder().function(function).eventType(FunctionEventType.VIEWER_REQUEST).build();
    }

    static String resource(String name) {
        try (InputStream in = WebSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Function URLs created since October 2025 need {@code lambda:InvokeFunction} (only through the
     * URL) besides the {@code lambda:InvokeFunctionUrl} that the origin access control adds.
     */
    private void allowCloudFrontToInvoke(HttpApi httpApi) {
        CfnPermission.Builder.create(this, "CloudFrontInvokesHttpApi")
                .action("lambda:InvokeFunction")
                .functionName(httpApi.function().alias().getFunctionArn())
                .principal("cloudfront.amazonaws.com")
                .sourceArn(distribution.getDistributionArn())
                .invokedViaFunctionUrl(true)
                .build();
    }

    /**
     * Three deployments, one per kind of caching: the hashed files for a year, the rest of the app
     * revalidated on every load, and {@code config.json} never stored (it names this stack's
     * WebSocket and user pool). Without a built app only {@code config.json} is deployed, so the stack
     * still synthesizes and the API works; the site then has no page.
     */
    private void deploy(Optional<Path> webAssets, LiveChanges liveChanges, SignIn signIn) {
        if (webAssets.isPresent()) {
            Path dir = webAssets.get();
            if (Files.isDirectory(dir.resolve(HASHED_ASSETS))) {
                BucketDeployment.Builder.create(this, "HashedAssets")
                        .destinationBucket(bucket)
                        .destinationKeyPrefix(HASHED_ASSETS + "/")
                        .sources(List.of(Source.asset(dir.resolve(HASHED_ASSETS).toString())))
                        .cacheControl(List.of(CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)),
                                CacheControl.immutable()))
                        // Pages still open in a browser may ask for the files of the previous build.
                        .prune(false)
                        .build();
            }
            BucketDeployment.Builder.create(this, "Pages")
                    .destinationBucket(bucket)
                    .sources(List.of(Source.asset(dir.toString(), AssetOptions.builder()
                            .exclude(List.of(HASHED_ASSETS, HASHED_ASSETS + "/**", CONFIG_FILE)).build())))
                    .cacheControl(List.of(CacheControl.noCache()))
                    // Removes pages of earlier builds, but leaves the other two deployments' files alone.
                    .exclude(List.of(HASHED_ASSETS + "/*", CONFIG_FILE))
                    .build();
        } else {
            Annotations.of(this).addWarningV2("livetodos:webAssetsMissing",
                    "The browser app is not built; the site gets only " + CONFIG_FILE
                            + ". Build it (mvn -B -DskipTests package) or point -c " + AssetPaths.WEB_ASSETS + "=... at it.");
        }
        // In a fixed order, so the file (and its asset hash) is the same on every synth.
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiUrl", "/api");
        config.put("webSocketUrl", liveChanges.url());
        // The same names as the local server's /config.json (the page's AuthSettings).
        config.put("issuer", signIn.issuer());
        config.put("clientId", signIn.clientId());
        config.put("scope", String.join(" ", SignIn.SCOPES));
        config.put("signOutUrl", signIn.signOutUrl());
        BucketDeployment.Builder.create(this, "RuntimeConfig")
                .destinationBucket(bucket)
                .sources(List.of(Source.jsonData(CONFIG_FILE, config)))
                .cacheControl(List.of(CacheControl.noStore()))
                .prune(false)
                .build();
    }

    /**
     * BucketDeployment runs one Lambda function of CDK's own (one per stack, whatever the number of
     * deployments) that copies the build into the bucket during a deploy.
     */
    private void suppressDeploymentHandlerFindings() {
        Stack.of(this).getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(handler -> {
                    Nag.suppress(handler, "AwsSolutions-L1",
                            "CDK's BucketDeployment handler: aws-cdk-lib picks and updates its runtime, not this app.");
                    Nag.suppress(handler, "AwsSolutions-IAM4",
                            "CDK's BucketDeployment handler logs through the AWS managed basic execution role; "
                                    + "it runs only while a deploy copies the site.",
                            List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
                    Nag.suppressMatching(handler, "AwsSolutions-IAM5",
                            "CDK's BucketDeployment copies every file of the build from the CDK assets bucket into the site "
                                    + "bucket and deletes earlier builds' files: object wildcards on these two buckets only.",
                            "/^(Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\\*"
                                    + "|Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-<AWS::Region>/\\*"
                                    + "|Resource::<WebSiteBucket[0-9A-F]+.Arn>/\\*)$/");
                });
    }

    String url() {
        return "https://" + distribution.getDistributionDomainName();
    }
}
