package dev.livetodos.bootstrap;

import dev.livetodos.adapter.in.web.ApiSecurity;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The API as an OAuth 2.0 resource server: every {@code /api/**} call needs the person's access
 * token ({@link ApiSecurity}), judged by {@link ApiTokens}. Built here, explicitly, rather than by
 * Spring Boot's reactive security auto-configuration, which {@code application.properties}
 * excludes: it would also set up a generated user and a login page, and the local issuer's
 * servlet-side security on the class path must not leak into the API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Made at the first token: the local issuer, when it is the one, starts after this context. */
    @Bean
    ApiTokens apiTokens(Environment environment, LivetodosProperties properties) {
        return new ApiTokens(environment, properties.security().requiredScope());
    }

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ApiTokens tokens, LivetodosProperties properties,
                                       Environment environment) {
        return ApiSecurity.filterChain(http, tokens, properties.security().tokenHeader(), actuatorOnApiPort(environment));
    }

    /** Unless Actuator has a port of its own (locally, see {@link ManagementLayout}), as Spring Boot decides it. */
    static boolean actuatorOnApiPort(Environment environment) {
        return ManagementPortType.get(environment) != ManagementPortType.DIFFERENT;
    }
}
