package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.AllowedCallers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers only requests made to a name this server goes by ({@link AllowedCallers#allowsHost}):
 * a page on another site that has its name pointed at this machine (DNS rebinding) gets
 * {@value #STATUS} Misdirected Request and reaches nothing, the API and {@code /ws} included.
 * Runs before every other filter.
 */
public final class AllowedHosts implements WebFilter, Ordered {

    /** 421: the request was sent to a server that does not answer for that name. */
    static final int STATUS = 421;
    static final String TYPE = "/problems/host-not-allowed";

    private static final Logger log = LoggerFactory.getLogger(AllowedHosts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AllowedCallers callers;

    public AllowedHosts(AllowedCallers callers) {
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        if (callers.allowsHost(host)) {
            return chain.filter(exchange);
        }
        // A client's mistake (or an attack): one line, the name quoted as sent but kept short.
        log.info("Refused a request to host {}", host == null ? "(none)" : '"' + abbreviate(host) + '"');
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(STATUS));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("type", TYPE)
                .put("title", "Host not allowed")
                .put("status", STATUS)
                .put("detail", "This server does not answer for that host name. Use the address it was started with."));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Before every other filter: nothing runs for a request that is not meant for this server. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
    }
}
