package dev.livetodos.issuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization server: its endpoints (discovery, JWKS, authorize, token, userinfo, logout,
 * the device grant) in one filter chain; the issuer's own pages (sign in, sign up, activating a
 * script) in a second. Deny by default: every page but the forms and their stylesheet needs a
 * signed-in person. A browser navigating to one is sent to the sign-in form; anything else (a
 * script, a page's fetch) gets 401.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /** The page's redirect targets on each of its origins: the app itself and its silent-renewal page. */
    static final List<String> WEB_REDIRECT_PATHS = List.of("/", "/silent-renew.html");
    static final String SIGN_IN = "/sign-in";
    /** Where a refused sign-in is forwarded to show the form again (a forward to the form's own POST would sign in twice). */
    static final String SIGN_IN_REFUSED = "/sign-in/refused";
    static final String ACTIVATE = "/activate";
    static final String ACTIVATE_CONSENT = "/activate/consent";
    static final String ACTIVATED = "/activated";
    static final String SCRIPT_SCOPE = "todos";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
                                                 AuthorizationServerSettings settings) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults())
                    .clientAuthentication(clientAuthentication -> clientAuthentication
                            .authenticationConverter(new ScriptClientAuthentication.Converter(settings.getDeviceAuthorizationEndpoint()))
                            .authenticationProvider(new ScriptClientAuthentication.Provider(clients)))
                    .deviceAuthorizationEndpoint(device -> device.verificationUri(ACTIVATE))
                    .deviceVerificationEndpoint(verification -> verification
                            .consentPage(ACTIVATE_CONSENT)
                            // A remembered consent would let any page that knows a user code
                            // approve it in a signed-in person's name; every script asks anew.
                            .authenticationProviders(providers -> providers.forEach(provider -> {
                                if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider verificationProvider) {
                                    verificationProvider.setAuthorizationConsentRequired(context -> true);
                                }
                            }))
                            .deviceVerificationResponseHandler(new SimpleUrlAuthenticationSuccessHandler(ACTIVATED))
                            .errorResponseHandler(AuthorizationServerConfiguration::activationFailed));
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .cors(Customizer.withDefaults())
                .exceptionHandling(exceptions -> entryPoints(exceptions::defaultAuthenticationEntryPointFor));
        return http.build();
    }

    /** A browser's page navigation goes to the sign-in form; a script's or a fetch's call gets 401. */
    static void entryPoints(EntryPointRegistry registry) {
        MediaTypeRequestMatcher htmlNavigation = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        // Accept: */* (curl, fetch) is not a browser asking for a page.
        htmlNavigation.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        registry.add(new LoginUrlAuthenticationEntryPoint(SIGN_IN), htmlNavigation);
        registry.add(new ProblemEntryPoint(), AnyRequestMatcher.INSTANCE);
    }

    @FunctionalInterface
    interface EntryPointRegistry {
        void add(AuthenticationEntryPoint entryPoint, RequestMatcher matcher);
    }

    /** A refused or unknown code goes back to the activation form, which says what happened. */
    private static void activationFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String reason = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : OAuth2ErrorCodes.INVALID_REQUEST;
        response.sendRedirect(UriComponentsBuilder.fromPath(ACTIVATE).queryParam("error", reason).build().toUriString());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.url().toString()).build();
    }

    @Bean
    RegisteredClientRepository registeredClients(IssuerProperties properties) {
        List<String> redirects = new ArrayList<>();
        List<String> afterSignOut = new ArrayList<>();
        for (URI origin : properties.pageOrigins()) {
            String base = origin.toString().replaceAll("/+$", "");
            WEB_REDIRECT_PATHS.forEach(path -> redirects.add(base + path));
            afterSignOut.add(base + "/");
        }
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenLifetime())
                .deviceCodeTimeToLive(properties.deviceCodeLifetime()).build();
        RegisteredClient page = RegisteredClient.withId(UUID.nameUUIDFromBytes(LocalIssuer.WEB_CLIENT_ID.getBytes()).toString())
                .clientId(LocalIssuer.WEB_CLIENT_ID)
                .clientName("livetodos")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirects))
                .postLogoutRedirectUris(uris -> uris.addAll(afterSignOut))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
        RegisteredClient script = RegisteredClient.withId(UUID.nameUUIDFromBytes(LocalIssuer.SCRIPT_CLIENT_ID.getBytes()).toString())
                .clientId(LocalIssuer.SCRIPT_CLIENT_ID)
                .clientName("a livetodos script")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .scope(SCRIPT_SCOPE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(true).build())
                .tokenSettings(tokens)
                .build();
        return new InMemoryRegisteredClientRepository(page, script);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(IssuerProperties properties) {
        return new BoundedAuthorizationService(properties.maxAuthorizations(), Duration.ofMinutes(10).plus(properties.deviceCodeLifetime()),
                Clock.systemUTC());
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService() {
        return new InMemoryOAuth2AuthorizationConsentService();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IssuerProperties properties) {
        RSAKey key = SigningKey.load(Optional.ofNullable(properties.dataDir()));
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /**
     * Tokens name the person by their account's id ({@code sub}) and by the name they chose
     * ({@code name}, {@code preferred_username}); access tokens are for the livetodos API
     * ({@code aud}), ID tokens for the client, as OpenID Connect has it.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> personClaims() {
        return context -> {
            Authentication person = context.getPrincipal();
            if (person != null && person.getPrincipal() instanceof AccountUser user) {
                context.getClaims().claim("name", user.displayName()).claim("preferred_username", user.displayName());
            }
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(LocalIssuer.AUDIENCE));
            }
        };
    }

    /** The page's token, JWKS and discovery calls are cross-origin (another port): only its own origins may make them. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(IssuerProperties properties) {
        CorsConfiguration page = new CorsConfiguration();
        properties.pageOrigins().forEach(origin -> page.addAllowedOrigin(origin.toString().replaceAll("/+$", "")));
        page.setAllowedMethods(List.of("GET", "POST"));
        page.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        page.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : List.of("/oauth2/token", "/oauth2/jwks", "/oauth2/revoke", "/userinfo", "/.well-known/**")) {
            source.registerCorsConfiguration(path, page);
        }
        return source;
    }

    @Bean
    SessionCap sessionCap(IssuerProperties properties) {
        return new SessionCap(properties.maxSessions());
    }
}
