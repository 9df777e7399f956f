package dev.livetodos.archfixtures.issuer.issuer;

import dev.livetodos.archfixtures.issuer.domain.model.Todo;

/** Breaks the issuer's isolation on purpose: an identity provider that knows the todo domain. */
public class IssuerReadingTodos {

    Todo first = new Todo();
}
