package dev.livetodos.adapter.in.web;

/** The body of {@code POST /api/todos}; {@code null} means the field was not sent. */
record CreateTodoRequest(String id, String name, String status) {
}
