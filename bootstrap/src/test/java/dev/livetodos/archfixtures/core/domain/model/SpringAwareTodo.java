package dev.livetodos.archfixtures.core.domain.model;

import org.springframework.util.Assert;

/** Breaks the core rule on purpose: a domain model that needs Spring. */
public class SpringAwareTodo {

    SpringAwareTodo(String name) {
        Assert.hasText(name, "name");
    }
}
