package dev.livetodos.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

class ApiSecurityTest {

    private static final String ISSUER = "http://localhost:9999";
    private static final String AUDIENCE = "livetodos";
    private static final String MOVED_HEADER = "X-Livetodos-Authorization";

    private static KeyPair issuerKey;
    private static KeyPair otherKey;

    private final AtomicReference<String> caller = new AtomicReference<>();

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        issuerKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
    }

    @Test
    void givenNoToken_thenAnApiCallIsRefusedWithAChallengeAndProblemDetails() {
        client(HttpHeaders.AUTHORIZATION).get().uri("/api/todos").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.instance").isEqualTo("/api/todos");

        assertThat(caller.get()).isNull();
    }

    @Test
    void givenAGoodToken_thenTheCallIsAnsweredAndKnowsWhoCalled() throws JOSEException {
        String token = token(issuerKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300));

        client(HttpHeaders.AUTHORIZATION).get().uri("/api/todos").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk();

        assertThat(caller.get()).isEqualTo("person-1");
    }

    @Test
    void refusesAnExpiredTokenAForeignSignatureAWrongIssuerAndAWrongAudience() throws JOSEException {
        List<String> bad = List.of(
                token(issuerKey, ISSUER, AUDIENCE, Instant.now().minusSeconds(600)),
                token(otherKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300)),
                token(issuerKey, "http://evil.example", AUDIENCE, Instant.now().plusSeconds(300)),
                token(issuerKey, ISSUER, "another-service", Instant.now().plusSeconds(300)));

        for (String token : bad) {
            WebTestClient.ResponseSpec answer = client(HttpHeaders.AUTHORIZATION).post().uri("/api/todos")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(challenge(answer))
                    .startsWith("Bearer error=\"invalid_token\"")
                    // Ours, not the decoder's message (which names claims, keys and times).
                    .doesNotContain("Jwt").doesNotContain("expired at").doesNotContain("aud");
        }

        assertThat(caller.get()).isNull();
    }

    @Test
    void givenAMalformedToken_thenItIsRefusedAsAnInvalidToken() {
        WebTestClient.ResponseSpec answer = client(HttpHeaders.AUTHORIZATION).get().uri("/api/todos")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not a token!")
                .exchange()
                .expectStatus().isUnauthorized();

        assertThat(challenge(answer)).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void givenTheTokenHeaderIsMoved_thenOnlyThatHeaderCounts() throws JOSEException {
        String token = token(issuerKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300));
        WebTestClient client = client(MOVED_HEADER);

        client.get().uri("/api/todos").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/api/todos").header(MOVED_HEADER, "Bearer " + token).exchange()
                .expectStatus().isOk();
    }

    @Test
    void givenNoToken_thenThePageAndItsSettingsAreServedWithoutCachingRulesOrFramingByOthers() {
        client(HttpHeaders.AUTHORIZATION).get().uri("/config.json").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Frame-Options", "SAMEORIGIN")
                .expectHeader().doesNotExist(HttpHeaders.CACHE_CONTROL)
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
    }

    @Test
    void givenNoToken_thenTheApiDocumentIsServed() {
        client(HttpHeaders.AUTHORIZATION).get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk();
    }

    @Test
    void keepsNoSessionBetweenCalls() throws JOSEException {
        String token = token(issuerKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300));
        WebTestClient client = client(HttpHeaders.AUTHORIZATION);

        client.get().uri("/api/todos").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        client.get().uri("/api/todos").exchange()
                .expectStatus().isUnauthorized();
    }

    private static String challenge(WebTestClient.ResponseSpec answer) {
        return answer.returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
    }

    private WebTestClient client(String tokenHeader) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) issuerKey.getPublic()).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(AUDIENCE));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER), audience));
        WebFilterChainProxy security = new WebFilterChainProxy(
                ApiSecurity.filterChain(ServerHttpSecurity.http(), decoder, tokenHeader));
        return WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .GET("/api/todos", request -> request.principal()
                                .doOnNext(principal -> caller.set(((JwtAuthenticationToken) principal).getToken().getSubject()))
                                .then(ServerResponse.ok().bodyValue("[]")))
                        .POST("/api/todos", request -> ServerResponse.ok().build())
                        .GET("/config.json", request -> ServerResponse.ok().bodyValue("{}"))
                        .GET("/v3/api-docs", request -> ServerResponse.ok().bodyValue("{}"))
                        .build())
                .webFilter(security)
                .build();
    }

    private static String token(KeyPair key, String issuer, String audience, Instant expiresAt) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("person-1")
                .claim("name", "Ada")
                .issueTime(Date.from(expiresAt.minusSeconds(600)))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }
}
