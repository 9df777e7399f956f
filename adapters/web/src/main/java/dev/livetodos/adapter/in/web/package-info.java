/**
 * The HTTP adapter: functional WebFlux routes for {@code /api/todos} ({@link dev.livetodos.adapter.in.web.TodoHttpRoutes}),
 * the problem-details answer to every failure ({@link dev.livetodos.adapter.in.web.ProblemDetailsExceptionHandler}),
 * single-use tickets for live connections ({@link dev.livetodos.adapter.in.web.LiveTicketRoutes}),
 * the browser app's runtime settings at {@code /config.json} ({@link dev.livetodos.adapter.in.web.BrowserConfigRoutes})
 * the headers every answer carries ({@link dev.livetodos.adapter.in.web.WebAppHeaders}) and the check
 * that a request is meant for this server ({@link dev.livetodos.adapter.in.web.AllowedHosts}).
 * JSON is read and written by the adapter's own strict mapper; everything else here is package-private.
 */
package dev.livetodos.adapter.in.web;
