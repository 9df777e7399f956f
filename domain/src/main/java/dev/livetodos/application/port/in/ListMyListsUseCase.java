package dev.livetodos.application.port.in;

import dev.livetodos.domain.model.ListWithRole;
import reactor.core.publisher.Flux;

/** The lists the caller is a member of, with their role on each, by name. */
public interface ListMyListsUseCase {

    Flux<ListWithRole> listMyLists(ListMyListsCommand command);
}
