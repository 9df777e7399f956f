package dev.livetodos.adapter.in.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.livetodos.application.port.in.AcceptInviteUseCase;
import dev.livetodos.application.port.in.CreateInviteUseCase;
import dev.livetodos.application.port.in.CreateListUseCase;
import dev.livetodos.application.port.in.DeleteListUseCase;
import dev.livetodos.application.port.in.EnsurePersonUseCase;
import dev.livetodos.application.port.in.ListMembersUseCase;
import dev.livetodos.application.port.in.ListMyListsUseCase;
import dev.livetodos.application.port.in.RemoveMemberUseCase;
import dev.livetodos.application.port.in.RenameListUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ListRoutes} as a client sees it, signed in as the person whose token claims the test
 * sets, with use cases the test sets. A use case the test does not set fails loudly when called;
 * {@link #calls} records what was asked of the core, so a refused request can be shown to have
 * reached none of it.
 */
final class ListApi {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    final List<Object> calls = new ArrayList<>();
    Map<String, Object> claims = Map.of("sub", "ann-1", "name", "Ann");

    EnsurePersonUseCase ensurePerson = command -> Mono.error(new AssertionError("ensuring a person was not expected"));
    ListMyListsUseCase listMyLists = command -> Flux.error(new AssertionError("listing lists was not expected"));
    CreateListUseCase createList = command -> Mono.error(new AssertionError("creating a list was not expected"));
    RenameListUseCase renameList = command -> Mono.error(new AssertionError("renaming a list was not expected"));
    DeleteListUseCase deleteList = command -> Mono.error(new AssertionError("deleting a list was not expected"));
    ListMembersUseCase listMembers = command -> Flux.error(new AssertionError("listing members was not expected"));
    RemoveMemberUseCase removeMember = command -> Mono.error(new AssertionError("removing a member was not expected"));
    CreateInviteUseCase createInvite = command -> Mono.error(new AssertionError("creating an invite was not expected"));
    AcceptInviteUseCase acceptInvite = command -> Mono.error(new AssertionError("accepting an invite was not expected"));

    private boolean signedIn = true;

    ListApi signedOut() {
        signedIn = false;
        return this;
    }

    WebTestClient client() {
        ListRoutes routes = new ListRoutes(
                command -> record(command, () -> ensurePerson.ensurePerson(command)),
                command -> recordMany(command, () -> listMyLists.listMyLists(command)),
                command -> record(command, () -> createList.createList(command)),
                command -> record(command, () -> renameList.renameList(command)),
                command -> record(command, () -> deleteList.deleteList(command)),
                command -> recordMany(command, () -> listMembers.listMembers(command)),
                command -> record(command, () -> removeMember.removeMember(command)),
                command -> record(command, () -> createInvite.createInvite(command)),
                command -> record(command, () -> acceptInvite.acceptInvite(command)));
        WebFilter caller = (exchange, chain) -> chain.filter(signedIn
                ? exchange.mutate().principal(Mono.just(token(claims))).build()
                : exchange);
        return WebTestClient.bindToRouterFunction(routes.routes())
                .webFilter(caller)
                .handlerStrategies(HandlerStrategies.empty().exceptionHandler(new ProblemDetailsExceptionHandler()).build())
                .build();
    }

    WebTestClient.ResponseSpec send(String method, String path, String json) {
        return client().method(HttpMethod.valueOf(method)).uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(UTF_8))
                .exchange();
    }

    /** The body is exactly this JSON: the same fields with the same values, none more (field order aside). */
    static java.util.function.Consumer<org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]>> sameJsonAs(String expected) {
        return result -> org.assertj.core.api.Assertions.assertThat(JSON.readTree(result.getResponseBody()))
                .isEqualTo(JSON.readTree(expected));
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    static JwtAuthenticationToken token(Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(600));
        claims.forEach(jwt::claim);
        return new JwtAuthenticationToken(jwt.build());
    }

    private <T> Mono<T> record(Object command, java.util.function.Supplier<Mono<T>> call) {
        synchronized (calls) {
            calls.add(command);
        }
        return call.get();
    }

    private <T> Flux<T> recordMany(Object command, java.util.function.Supplier<Flux<T>> call) {
        synchronized (calls) {
            calls.add(command);
        }
        return call.get();
    }
}
