package dev.livetodos.adapter.in.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call the API: every {@code /api/**} call carries the person's access token (a JWT from
 * the configured OpenID Connect issuer, its signature, issuer, audience and expiry checked by
 * Spring Security's resource server); anything else the server answers (the page, its files,
 * {@code /config.json}, the API's OpenAPI document at {@code /v3/api-docs}, the {@code /ws}
 * handshake, which checks its own ticket) needs none. Of Actuator, only health is answered on this
 * port (where it shares it, as on AWS).
 *
 * <p>No cookies and no sessions: a token is all a request has, so there is nothing for another
 * site to ride on (no CSRF protection needed) and nothing kept between requests. A request
 * without a good token is answered 401 with {@code WWW-Authenticate} (RFC 6750) and problem
 * details, never a redirect: the page signs people in itself.
 */
public final class ApiSecurity {

    /** The header the token comes in, unless a host moves it (CloudFront signs requests in {@code Authorization}). */
    public static final String DEFAULT_TOKEN_HEADER = HttpHeaders.AUTHORIZATION;

    private ApiSecurity() {
    }

    /** As {@link #filterChain(ServerHttpSecurity, ReactiveJwtDecoder, String, boolean)}, Actuator sharing the API's port. */
    public static SecurityWebFilterChain filterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder, String tokenHeader) {
        return filterChain(http, decoder, tokenHeader, true);
    }

    /**
     * @param decoder            checks a token and reads its claims (from the issuer's keys)
     * @param tokenHeader        the request header that carries {@code Bearer <token>}
     * @param actuatorOnApiPort  whether Actuator answers on the API's own port (on AWS): then only its
     *                           health is, for the Lambda Web Adapter, nothing else of it whatever is
     *                           exposed. On a management port of its own (locally, loopback only) this
     *                           chain guards that port too, and lets through what is exposed there.
     */
    public static SecurityWebFilterChain filterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder, String tokenHeader,
                                                     boolean actuatorOnApiPort) {

        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        bearer.setBearerTokenHeaderName(tokenHeader);
        ServerAuthenticationEntryPoint unauthorized = ApiSecurity::unauthorized;
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problem(exchange, HttpStatus.FORBIDDEN,
                "You may not do this.", null);
        return http
                .authorizeExchange(exchanges -> {
                    // The API's own description is public, whatever else comes to need a token.
                    exchanges.pathMatchers(HttpMethod.GET, ApiDocumentRoutes.PATH).permitAll();
                    exchanges.pathMatchers("/api/**").authenticated();
                    exchanges.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll();
                    ServerHttpSecurity.AuthorizeExchangeSpec.Access restOfActuator = exchanges.pathMatchers("/actuator", "/actuator/**");
                    if (actuatorOnApiPort) {
                        restOfActuator.denyAll();
                    } else {
                        restOfActuator.permitAll();
                    }
                    exchanges.anyExchange().permitAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(bearer)
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden)
                        .jwt(jwt -> jwt.jwtDecoder(decoder)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(headers -> headers
                        // WebAppHeaders decides caching: the app's hashed files are kept for a year.
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                        // The silent sign-in renewal loads /silent-renew.html in a frame of the page itself.
                        .frameOptions(frames -> frames.mode(XFrameOptionsServerHttpHeadersWriter.Mode.SAMEORIGIN)))
                .build();
    }

    /**
     * 401 with the RFC 6750 challenge: {@code Bearer} when no token came, with
     * {@code error="invalid_token"} when one came and is no good. The description is ours, never
     * the decoder's message.
     */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException failure) {
        if (!(failure instanceof OAuth2AuthenticationException came)) {
            return problem(exchange, HttpStatus.UNAUTHORIZED, "Sign in: this call needs a valid access token.", "Bearer");
        }
        if (BearerTokenErrorCodes.INVALID_REQUEST.equals(came.getError().getErrorCode())) {
            return problem(exchange, HttpStatus.UNAUTHORIZED, "The access token is malformed.",
                    "Bearer error=\"invalid_request\", error_description=\"The token is malformed\"");
        }
        return problem(exchange, HttpStatus.UNAUTHORIZED, "The access token is expired or not valid here. Sign in again.",
                "Bearer error=\"invalid_token\", error_description=\"The token is expired or not valid here\"");
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail, String challenge) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String path = exchange.getRequest().getPath().value();
        byte[] body = StrictJson.MAPPER.writeValueAsString(
                new Problem(Problem.ABOUT_BLANK, status.getReasonPhrase(), status.value(), detail).at(path))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        if (challenge != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
