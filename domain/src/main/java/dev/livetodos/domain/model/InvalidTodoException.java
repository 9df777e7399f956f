package dev.livetodos.domain.model;

import java.util.List;
import java.util.stream.Collectors;

/** The request breaks one or more rules; nothing was written. */
public final class InvalidTodoException extends TodoException {

    private final List<Violation> violations;

    public InvalidTodoException(List<Violation> violations) {
        super(violations.stream()
                .map(v -> v.field().isEmpty() || v.field().equals(Violation.WHOLE_REQUEST) ? v.message() : v.field() + " " + v.message())
                .collect(Collectors.joining("; ")) + ".", null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request breaks at least one rule");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidTodoException of(String field, String message) {
        return new InvalidTodoException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
