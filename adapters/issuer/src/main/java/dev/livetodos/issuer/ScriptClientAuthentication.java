package dev.livetodos.issuer;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A script's client has no secret and, unlike the page, no PKCE verifier to show: the device
 * authorization grant has none. Spring's own public-client authentication wants one, so these
 * two let a bare {@code client_id} through on the two calls of that grant only (the device
 * authorization request and the device code's token request), and only for a client registered
 * for that grant without a secret.
 */
final class ScriptClientAuthentication {

    private ScriptClientAuthentication() {
    }

    /** Reads a bare {@code client_id} on the device grant's two calls; anything else is not its business. */
    static final class Converter implements AuthenticationConverter {

        private final RequestMatcher deviceAuthorization;

        Converter(String deviceAuthorizationEndpoint) {
            this.deviceAuthorization = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, deviceAuthorizationEndpoint);
        }

        @Override
        public Authentication convert(HttpServletRequest request) {
            boolean deviceCodeExchange = AuthorizationGrantType.DEVICE_CODE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    && request.getParameter(OAuth2ParameterNames.DEVICE_CODE) != null;
            if (request.getParameter(OAuth2ParameterNames.CLIENT_ID) == null
                    || !(deviceCodeExchange || deviceAuthorization.matches(request))
                    || request.getHeader("Authorization") != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds.length != 1 || clientIds[0].isBlank()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, null);
        }
    }

    /** Accepts the bare client id of a registered secretless client of the device grant. */
    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken presented = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(presented.getClientAuthenticationMethod())
                    || presented.getCredentials() != null) {
                return null;
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(presented.getPrincipal()));
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "Client authentication failed: client_id", null));
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
