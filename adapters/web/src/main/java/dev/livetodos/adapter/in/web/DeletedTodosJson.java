package dev.livetodos.adapter.in.web;

import java.util.List;

/** The answer to a delete: the ids that existed and are now gone, in request order. */
record DeletedTodosJson(List<String> deleted) {
}
