package dev.livetodos.domain.model;

/** Whether a todo still needs doing. */
public enum TodoStatus {
    PENDING("pending"),
    COMPLETED("completed");

    private final String value;

    TodoStatus(String value) {
        this.value = value;
    }

    /** The lower-case name clients and the store use. */
    public String value() {
        return value;
    }

    public static TodoStatus of(String value) {
        for (TodoStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw InvalidTodoException.of("", "must be 'pending' or 'completed'");
    }
}
