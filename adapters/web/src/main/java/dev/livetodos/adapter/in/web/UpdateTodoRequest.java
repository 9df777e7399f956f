package dev.livetodos.adapter.in.web;

/** One entry of the body of {@code PUT /api/todos}; {@code null} means the field was not sent. */
record UpdateTodoRequest(String id, Changes changes, Long version) {

    /** What to change; a field left out stays as it is. */
    record Changes(String name, String status) {
    }
}
