package dev.livetodos.adapter.in.websocket;

import dev.livetodos.adapter.out.websocket.WebSocketSubscribers;
import dev.livetodos.adapter.wire.JsonChangeFrames;
import dev.livetodos.application.service.PingService;
import dev.livetodos.application.port.in.RedeemTicketCommand;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TicketCode;
import java.time.Clock;
import java.time.Instant;
import dev.livetodos.domain.model.SubscriberId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.SimpleHandlerAdapter;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.handler.ResponseStatusExceptionHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * The handler served as the application serves it: mapped at {@code /ws} through
 * {@link TodoWebSocketHandler#handlerMapping} and a {@link WebSocketHandlerAdapter}, on a real
 * Reactor Netty server on a free loopback port. Pings are answered by the real core service.
 */
final class LocalWebSocketHost implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    final WebSocketSubscribers subscribers = new WebSocketSubscribers();
    private final GenericApplicationContext context = new GenericApplicationContext();
    private final DisposableServer server;

    final TodoWebSocketHandler handler;

    LocalWebSocketHost(int outboundBufferFrames) {
        this(outboundBufferFrames, WebSocketLimits.DEFAULTS);
    }

    LocalWebSocketHost(int outboundBufferFrames, WebSocketLimits limits) {
        handler = new TodoWebSocketHandler(subscribers, new PingService(subscribers, new JsonChangeFrames(JsonChangeFrames.API_GATEWAY_MAX_FRAME_BYTES)), outboundBufferFrames,
                limits, AllowedCallers.loopbackAndAddresses(), LocalWebSocketHost::redeem, Clock.systemUTC());
        context.registerBean(SimpleUrlHandlerMapping.class, () -> TodoWebSocketHandler.handlerMapping(handler));
        context.registerBean(SimpleHandlerAdapter.class);
        context.registerBean(WebSocketHandlerAdapter.class);
        context.refresh();
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(new DispatcherHandler(context))
                        .exceptionHandler(new ResponseStatusExceptionHandler()).build()))
                .bindNow();
    }

    /** Any well-formed ticket is good for an hour here: the store's own redeeming is tested against DynamoDB Local. */
    static final String TICKET = TicketCode.random().value();

    /** Whose connection {@link #TICKET} opens. */
    static final PersonId SOMEONE = new PersonId("someone");

    private static final Map<String, PersonId> PEOPLE = new ConcurrentHashMap<>();

    private static Mono<LiveTicket> redeem(RedeemTicketCommand command) {
        Instant hourFromNow = Instant.now().plusSeconds(3600);
        return Mono.justOrEmpty(TicketCode.parse(command.ticket()))
                .map(code -> new LiveTicket(code, PEOPLE.getOrDefault(code.value(), SOMEONE), hourFromNow, hourFromNow));
    }

    /** The address of a connection of this person: its ticket names them. */
    URI uriOf(PersonId person) {
        String ticket = TicketCode.random().value();
        PEOPLE.put(ticket, person);
        return URI.create("ws://127.0.0.1:" + server.port() + TodoWebSocketHandler.PATH + "?ticket=" + ticket);
    }

    /** Connects a client of this person and waits until its session is subscribed. */
    Connected connectAs(PersonId person, Function<URI, TestClient> client) {
        return connect(uri -> client.apply(uriOf(person)));
    }

    int port() {
        return server.port();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + TodoWebSocketHandler.PATH + "?ticket=" + TICKET);
    }

    /** A client and the subscriber id its session got on the server. */
    record Connected(TestClient client, SubscriberId id) {
    }

    /** Connects a client and waits until its session is subscribed. */
    Connected connect(Function<URI, TestClient> client) {
        Set<SubscriberId> before = Set.copyOf(ids());
        TestClient connected = client.apply(uri());
        AtomicReference<SubscriberId> id = new AtomicReference<>();
        StepVerifier.create(poll(subscribers.all().filter(candidate -> !before.contains(candidate)).next()))
                .consumeNextWith(id::set)
                .verifyComplete();
        return new Connected(connected, id.get());
    }

    /** The subscribers right now. */
    List<SubscriberId> ids() {
        AtomicReference<List<SubscriberId>> ids = new AtomicReference<>();
        StepVerifier.create(subscribers.all().collectList()).consumeNextWith(ids::set).verifyComplete();
        return ids.get();
    }

    Mono<Boolean> isSubscribed(SubscriberId id) {
        return subscribers.all().any(id::equals);
    }

    /** Waits, without sleeping, until the check says yes; fails after {@link #PATIENCE}. */
    static void eventually(Mono<Boolean> check) {
        StepVerifier.create(poll(check.filter(Boolean::booleanValue)))
                .expectNext(true)
                .verifyComplete();
    }

    static void eventually(BooleanSupplier condition) {
        eventually(Mono.fromSupplier(condition::getAsBoolean));
    }

    /** The first value the source gives, asking again every few milliseconds until {@link #PATIENCE} is up. */
    private static <T> Mono<T> poll(Mono<T> source) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(5))
                .onBackpressureDrop()
                .concatMap(tick -> source)
                .next()
                .timeout(PATIENCE);
    }

    @Override
    public void close() {
        server.disposeNow();
        context.close();
    }
}
