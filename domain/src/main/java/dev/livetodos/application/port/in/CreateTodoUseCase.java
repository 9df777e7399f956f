package dev.livetodos.application.port.in;

import reactor.core.publisher.Mono;

/**
 * Adds a todo. Sending the same id with the same content again is a replay of a lost answer and
 * gives back the stored todo; the same id with other content is a conflict.
 */
public interface CreateTodoUseCase {

    Mono<CreatedTodo> createTodo(CreateTodoCommand command);
}
