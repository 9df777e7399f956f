package dev.livetodos.bootstrap;

import dev.livetodos.adapter.in.web.AllowedHosts;
import dev.livetodos.adapter.in.web.ApiDocumentRoutes;
import dev.livetodos.adapter.in.web.BrowserConfigRoutes;
import dev.livetodos.adapter.in.web.LiveTicketRoutes;
import dev.livetodos.adapter.in.web.ProblemDetailsExceptionHandler;
import dev.livetodos.adapter.in.web.TodoHttpRoutes;
import dev.livetodos.adapter.in.web.TodoScope;
import dev.livetodos.adapter.in.web.WebAppHeaders;
import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.IssueTicketUseCase;
import dev.livetodos.application.port.in.ListChangesUseCase;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.bootstrap.local.LocalIssuerLauncher;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The HTTP API's routes and its problem-details error handling, and what the browser app needs
 * beside its files: its settings at {@code /config.json} and the headers on every answer. The
 * files themselves ({@code static/} of the livetodos-web jar) are served by Spring Boot, with
 * {@code index.html} as the page at {@code /}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class WebConfiguration {

    @Bean
    RouterFunction<ServerResponse> todoRoutes(ListTodosUseCase list, GetTodoUseCase get, CreateTodoUseCase create,
                                              UpdateTodosUseCase update, DeleteTodosUseCase delete, ListChangesUseCase changes,
                                              Clock clock) {
        // The path's list, the token's person: the store checks they are on it in the write's transaction.
        return new TodoHttpRoutes(list, get, create, update, delete, changes, TodoScope.Resolver.signedIn(), clock).routes();
    }

    @Bean
    RouterFunction<ServerResponse> liveTicketRoutes(IssueTicketUseCase issueTicket) {
        return new LiveTicketRoutes(issueTicket).routes();
    }

    /**
     * The page signs in with the issuer named in {@code livetodos.browser.*} when one is; otherwise
     * with the local issuer once it runs, which is after this context has started, so it is asked
     * at each request.
     */
    @Bean
    RouterFunction<ServerResponse> browserConfigRoutes(LivetodosProperties properties, Environment environment) {
        LivetodosProperties.Browser browser = properties.browser();
        Supplier<BrowserConfigRoutes.SignIn> signIn;
        if (StringUtils.hasText(browser.issuer())) {
            BrowserConfigRoutes.SignIn configured = new BrowserConfigRoutes.SignIn(browser.issuer(), browser.clientId(),
                    StringUtils.hasText(browser.scope()) ? browser.scope() : null,
                    StringUtils.hasText(browser.signOutUrl()) ? browser.signOutUrl() : null);
            signIn = () -> configured;
        } else {
            signIn = () -> localIssuer(environment);
        }
        return new BrowserConfigRoutes(browser.apiUrl(), browser.webSocketUrl(), signIn).routes();
    }

    /** What the local issuer published of itself once it started, or null (not running, or not yet). */
    private static BrowserConfigRoutes.SignIn localIssuer(Environment environment) {
        String issuer = environment.getProperty(LocalIssuerLauncher.ISSUER_URI);
        String clientId = environment.getProperty(LocalIssuerLauncher.WEB_CLIENT_ID);
        return StringUtils.hasText(issuer) && StringUtils.hasText(clientId)
                ? new BrowserConfigRoutes.SignIn(issuer, clientId, null, null)
                : null;
    }

    /** The OpenAPI document of the API at {@code /v3/api-docs}, for anyone (it holds no secret). */
    @Bean
    RouterFunction<ServerResponse> apiDocumentRoutes() {
        return new ApiDocumentRoutes().routes();
    }

    @Bean
    WebAppHeaders webAppHeaders() {
        return new WebAppHeaders();
    }

    /**
     * Local mode answers only requests to its own names (DNS rebinding). On AWS the HTTP function
     * is reached only through its Function URL, which takes only requests CloudFront signed for
     * that URL's own host, so a rebound name never gets there; the check stays off there.
     */
    @Bean
    @Conditional(LocalMode.class)
    AllowedHosts allowedHosts(LivetodosProperties properties) {
        return new AllowedHosts(properties.allowedCallers());
    }

    /**
     * A request whose body stops arriving is closed (a silent connection, or one whose head never
     * ends, is closed by {@code server.netty.idle-timeout}), so half-sent requests do not hold
     * sockets and file handles. Not Reactor Netty's {@code requestTimeout}: it also runs on an
     * upgraded WebSocket and cut every live connection off after it.
     */
    @Bean
    NettyServerCustomizer requestReadTimeout(LivetodosProperties properties) {
        return server -> server.readTimeout(properties.httpReadTimeout());
    }

    /** Before Spring Boot's own error handler (order -1), so every error is problem details. */
    @Bean
    @Order(-2)
    ProblemDetailsExceptionHandler problemDetailsExceptionHandler(MeterRegistry meters) {
        return new ProblemDetailsExceptionHandler(meters);
    }
}
