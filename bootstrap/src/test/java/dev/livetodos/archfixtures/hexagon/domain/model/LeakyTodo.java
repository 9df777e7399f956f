package dev.livetodos.archfixtures.hexagon.domain.model;

import dev.livetodos.archfixtures.hexagon.adapter.out.dynamodb.StoredTodo;

/** Breaks the hexagon on purpose: a domain model that knows how it is stored. */
public class LeakyTodo {

    StoredTodo stored = new StoredTodo();
}
