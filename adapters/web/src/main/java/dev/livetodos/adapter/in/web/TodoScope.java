package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.ListId;
import dev.livetodos.domain.model.PersonId;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Which list a todo request is about, and who asks: on the API the path's list and the token's
 * person ({@link Resolver#signedIn()}).
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

        /**
         * The list named by the path's {@code {listId}} and the person behind the bearer token.
         * A path id that cannot name any list is answered like a list the caller may not see.
         */
        static Resolver signedIn() {
            return request -> Mono.fromCallable(() -> ListPaths.listId(request))
                    .zipWith(Callers.id(request), TodoScope::new);
        }
    }
}
