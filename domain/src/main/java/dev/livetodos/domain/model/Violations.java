package dev.livetodos.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every rule a request breaks, so one answer can name them all. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    /** Runs {@code parse}; if it rejects its input, remembers why under {@code field} and gives null. */
    public <T> T check(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidTodoException e) {
            e.violations().forEach(violation -> found.add(violation.under(field)));
            return null;
        }
    }

    public void add(String field, String message) {
        found.add(new Violation(field, message));
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidTodoException(found);
        }
    }
}
