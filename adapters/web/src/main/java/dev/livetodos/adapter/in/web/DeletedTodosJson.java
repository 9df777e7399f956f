package dev.livetodos.adapter.in.web;

import java.util.List;

/** The answer to a delete: the ids that existed and are now gone, in request order, and the list's seq after. */
record DeletedTodosJson(List<String> deleted, long seq) {
}
