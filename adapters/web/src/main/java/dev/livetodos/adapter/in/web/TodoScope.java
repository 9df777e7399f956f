package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Which list a todo request is about, and who asks. Where it comes from is the host's choice: one
 * shared list for everyone until people sign in, the path's list and the token's person after.
 */
public record TodoScope(ListId list, PersonId caller) {

    public TodoScope {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(caller, "caller");
    }

    /** Reads the scope of each request. */
    @FunctionalInterface
    public interface Resolver extends Function<ServerRequest, Mono<TodoScope>> {

        /** The same list and caller for every request. */
        static Resolver always(TodoScope scope) {
            Mono<TodoScope> same = Mono.just(scope);
            return request -> same;
        }
    }
}
