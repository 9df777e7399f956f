package dev.livetodos.infra;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnManagedLoginBranding;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.KeepOriginalAttrs;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.ManagedLoginVersion;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.cognito.UserVerificationConfig;
import software.amazon.awscdk.services.cognito.VerificationEmailStyle;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may use livetodos on AWS: a Cognito user pool where people sign themselves up with their
 * name, e-mail address and a password (the address is their sign-in name, verified by a code
 * before the first sign-in), Cognito's managed login pages on a domain of the pool's own, and the
 * page's app client (public, authorization code with PKCE). The HTTP API (and the WebSocket
 * functions, for the tickets that open a socket) accept access tokens of this pool that carry the
 * API's scope ({@link #resourceServerEnvironment()}).
 *
 * <p>The pool keeps people: in {@code prod} it is retained when the stack goes and protected from
 * deletion; {@code dev} throws it away with the stack, as it does the todos (see {@link Stage}).
 */
final class SignIn extends Construct {

    /** Where the page lands after signing in, and the hidden frame of a silent renewal (see the page's auth.ts). */
    static final String SIGNED_IN_PATH = "/";
    static final String SILENT_RENEW_PATH = "/silent-renew.html";
    /**
     * The API as Cognito knows it (a resource server): an access token is meant for livetodos when
     * it carries {@value #API_SCOPE}, which only the page's app client may ask for. This stands in
     * for an audience check because Cognito's access tokens have no {@code aud}, and their
     * {@code client_id} cannot reach the HTTP function: the client's callback is the distribution's
     * URL, the distribution's origin is the function, so the function's settings cannot name the
     * client without a dependency cycle. A fixed name has no such reference.
     */
    static final String API_IDENTIFIER = "livetodos";
    static final String API_SCOPE_NAME = "api";
    static final String API_SCOPE = API_IDENTIFIER + "/" + API_SCOPE_NAME;
    /** What the page asks for: the person's id (openid), name (profile), e-mail address (email) and the API. */
    static final List<String> SCOPES = List.of("openid", "profile", "email", API_SCOPE);
    /**
     * An hour, Cognito's default: short enough that a stolen token is soon worthless, long enough
     * that the page renews it (with the refresh token) and reconnects its socket rarely.
     */
    static final Duration TOKEN_VALIDITY = Duration.hours(1);
    /** Cognito's default: a person who comes back within a month is still signed in. */
    static final Duration REFRESH_TOKEN_VALIDITY = Duration.days(30);
    /**
     * Every renewal hands out a new refresh token and retires the old one after this grace (the
     * most Cognito allows), so a second tab or a retried request that still holds the old one gets through.
     */
    static final Duration REFRESH_TOKEN_ROTATION_GRACE = Duration.seconds(60);
    /** Spring Boot's resource server: tokens must come from this issuer ({@code iss}) ... */
    static final String ISSUER_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    /** ... signed by one of these keys (read when the first token arrives, so no call at start-up). */
    static final String JWK_SET_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI";
    /**
     * {@code livetodos.security.required-scope}: a token without this scope (in its space-separated
     * {@code scope} claim) is not for this API. Cognito's ID tokens have no {@code scope}, so they are
     * refused too; only access tokens get in.
     */
    static final String REQUIRED_SCOPE = "LIVETODOS_SECURITY_REQUIRED_SCOPE";

    private final UserPool pool;
    private final UserPoolResourceServer api;
    private final ResourceServerScope apiScope = ResourceServerScope.Builder.create()
            .scopeName(API_SCOPE_NAME).scopeDescription("Read and change your lists").build();
    private final UserPoolDomain domain;
    private final Function accessTokenClaims;
    private UserPoolClient page;

    SignIn(Construct scope, String id, Stage stage) {
        super(scope, id);
        pool = UserPool.Builder.create(this, "Users")
                .userPoolName("livetodos-" + stage.id())
                .selfSignUpEnabled(true)
                // The e-mail address is the sign-in name (Cognito generates the username); the
                // name is what others see in a shared list.
                .signInAliases(SignInAliases.builder().email(true).build())
                .signInCaseSensitive(false)
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .userVerification(UserVerificationConfig.builder()
                        .emailStyle(VerificationEmailStyle.CODE)
                        .emailSubject("Your livetodos code")
                        .emailBody("Your livetodos verification code is {####}")
                        .build())
                // A changed address takes over only once its code is entered: nobody locks
                // themselves out with a typo.
                .keepOriginal(KeepOriginalAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build())
                        .fullname(StandardAttribute.builder().required(true).mutable(true).build())
                        .build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true).requireUppercase(true).requireDigits(true).requireSymbols(true)
                        .passwordHistorySize(5)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                // Whoever wants a second factor sets up an authenticator app; see the COG2 reason.
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                // Plus: threat protection (compromised passwords, risky sign-ins blocked) and
                // access-token claims from a trigger. Charged per monthly active person, nothing at rest.
                .featurePlan(FeaturePlan.PLUS)
                .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
                .deletionProtection(stage.deletionProtection())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();

        api = pool.addResourceServer("Api", UserPoolResourceServerOptions.builder()
                .identifier(API_IDENTIFIER)
                .userPoolResourceServerName("livetodos API")
                .scopes(List.of(apiScope))
                .build());

        accessTokenClaims = accessTokenClaimsFunction(stage);
        pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, accessTokenClaims, LambdaVersion.V2_0);

        // A prefix domain must be unique in the region: the end of this stack's id is, and stays
        // the same for the stack's life (the account id would be, but would show in every sign-in URL).
        String suffix = Fn.select(4, Fn.split("-", Fn.select(2, Fn.split("/", Aws.STACK_ID))));
        domain = pool.addDomain("ManagedLogin", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix("livetodos-" + stage.id() + "-" + suffix).build())
                .managedLoginVersion(ManagedLoginVersion.NEWER_MANAGED_LOGIN)
                .build());

        Nag.suppress(pool, "AwsSolutions-COG2",
                "MFA is optional (authenticator app), not required: a shared todo list does not justify making every "
                        + "person set up a second factor before their first list; threat protection (FULL_FUNCTION) "
                        + "blocks compromised passwords and risky sign-ins for everyone.");
    }

    /**
     * The page's app client, with this site as its only callback and sign-out target: public (a
     * browser keeps no secret), the authorization code flow only, so the page must use PKCE
     * (oidc-client-ts always does), no implicit grant. Password sign-in through the user pools API
     * is limited to SRP (the password never leaves the browser in clear); the refresh token rotates.
     */
    UserPoolClient addPage(String siteUrl) {
        if (page != null) {
            throw new IllegalStateException("The page's app client exists already");
        }
        page = pool.addClient("Page", UserPoolClientOptions.builder()
                .userPoolClientName("livetodos page")
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).implicitCodeGrant(false)
                                .clientCredentials(false).build())
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL,
                                OAuthScope.resourceServer(api, apiScope)))
                        .callbackUrls(List.of(siteUrl + SIGNED_IN_PATH, siteUrl + SILENT_RENEW_PATH))
                        .logoutUrls(List.of(siteUrl + SIGNED_IN_PATH))
                        .build())
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(TOKEN_VALIDITY)
                .idTokenValidity(TOKEN_VALIDITY)
                .refreshTokenValidity(REFRESH_TOKEN_VALIDITY)
                .refreshTokenRotationGracePeriod(REFRESH_TOKEN_ROTATION_GRACE)
                .build());
        // Managed login (version 2) shows its pages only for app clients that have a style; this
        // one is Cognito's own.
        CfnManagedLoginBranding.Builder.create(this, "PageBranding")
                .userPoolId(pool.getUserPoolId())
                .clientId(page.getUserPoolClientId())
                .useCognitoProvidedValues(true)
                .build();
        return page;
    }

    /**
     * Cognito's access tokens say who (`sub`) but not the person's name; this adds `name` and
     * `email` to them (cognito/access-token-claims.js). Its own role, which may only write its logs.
     */
    private Function accessTokenClaimsFunction(Stage stage) {
        LogGroup logs = LogGroup.Builder.create(this, "AccessTokenClaimsLogs")
                .retention(stage.logRetention())
                .removalPolicy(stage.dataRemovalPolicy())
                .build();
        Role role = Role.Builder.create(this, "AccessTokenClaimsRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("livetodos access token claims: its own log group, nothing else")
                .build();
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, "AccessTokenClaims")
                .description("livetodos sign-in: the person's name and e-mail address in their access token")
                .runtime(Runtime.NODEJS_24_X)
                .architecture(Architecture.ARM_64)
                .handler("index.handler")
                .code(Code.fromInline(WebSite.resource("cognito/access-token-claims.js")))
                .memorySize(128)
                // Cognito waits 5 seconds for a trigger; it does no I/O and answers in milliseconds.
                .timeout(Duration.seconds(5))
                .role(role)
                .logGroup(logs)
                .build();
        function.getNode().addDependency(role);
        return function;
    }

    /** {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}: the tokens' {@code iss}; discovery is below it. */
    String issuer() {
        return pool.getUserPoolProviderUrl();
    }

    /** The managed login domain, {@code https://<prefix>.auth.<region>.amazoncognito.com}: sign-in, token and sign-out endpoints. */
    String loginBaseUrl() {
        return domain.baseUrl();
    }

    /** Cognito's sign-out endpoint; discovery does not name it. The page adds {@code client_id} and {@code logout_uri}. */
    String signOutUrl() {
        return loginBaseUrl() + "/logout";
    }

    String clientId() {
        return requirePage().getUserPoolClientId();
    }

    /**
     * What a Spring application needs to accept the page's access tokens, under Spring Boot's own
     * names where it has them: the issuer, its keys, and the scope that says a token is for this API.
     * No reference to the app client (see {@link #API_SCOPE}).
     */
    Map<String, String> resourceServerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ISSUER_URI, issuer());
        environment.put(JWK_SET_URI, issuer() + "/.well-known/jwks.json");
        environment.put(REQUIRED_SCOPE, API_SCOPE);
        return environment;
    }

    UserPool pool() {
        return pool;
    }

    Function accessTokenClaims() {
        return accessTokenClaims;
    }

    private UserPoolClient requirePage() {
        return Objects.requireNonNull(page, "The page's app client is added with the site's URL first (addPage)");
    }
}
