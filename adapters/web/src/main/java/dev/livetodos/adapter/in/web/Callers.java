package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.Person;
import dev.livetodos.domain.model.PersonId;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Who is asking: the person behind the request's bearer token, as the security chain left it.
 * Their id is the token's {@code sub}; the name the others on a list see comes from
 * {@code name}, else {@code preferred_username}, else {@code email}.
 */
final class Callers {

    private Callers() {
    }

    /** The caller; a request without a usable token (which the security chain never lets through) is 401. */
    static Mono<Person> person(ServerRequest request) {
        return token(request).map(Callers::personOf);
    }

    static Mono<PersonId> id(ServerRequest request) {
        return token(request).map(Callers::idOf);
    }

    private static Mono<Jwt> token(ServerRequest request) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getToken())
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }

    static Person personOf(Jwt token) {
        PersonId id = idOf(token);
        for (String claim : new String[] {"name", "preferred_username", "email"}) {
            String value = token.getClaimAsString(claim);
            if (StringUtils.hasText(value)) {
                return Person.of(id, value);
            }
        }
        return Person.of(id, null);
    }

    /** A subject that cannot be a person's id here (too long, a {@code #} or {@code /} in it) cannot sign in. */
    private static PersonId idOf(Jwt token) {
        try {
            return PersonId.of(token.getSubject());
        } catch (InvalidTodoException unusable) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
    }
}
