/**
 * The HTTP adapter: functional WebFlux routes for {@code /api/todos} ({@link dev.livetodos.adapter.in.web.TodoHttpRoutes})
 * and the problem-details answer to every failure ({@link dev.livetodos.adapter.in.web.ProblemDetailsExceptionHandler}).
 * JSON is read and written by the adapter's own strict mapper; everything else here is package-private.
 */
package dev.livetodos.adapter.in.web;
