package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.livetodos.application.port.in.SubscribeCommand;
import dev.livetodos.application.port.in.SubscribeUseCase;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.PersonId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's {@code $connect} route: the connection is subscribed before API Gateway
 * completes the handshake. Anything but 200 makes API Gateway refuse the connection, and the
 * browser tries again. A page from a site that is not allowed ({@link AllowedCallers#allowsOrigin},
 * the same rule the local server applies) is refused with 403 and never subscribed.
 *
 * <p>The route's REQUEST authorizer ({@link TicketAuthorizerFunction}) has redeemed the page's
 * ticket before this runs. A connection the authorizer did not vouch for a person for is refused
 * with 403 all the same, so a route deployed without its authorizer admits nobody. The connection
 * is written down with its person, so it hears of that person's lists, and of nothing else.
 */
public final class ConnectFunction implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger log = LoggerFactory.getLogger(ConnectFunction.class);

    private final SubscribeUseCase subscribe;
    private final Duration timeout;
    private final AllowedCallers callers;

    /** Waits at most 10 seconds for the subscription; only loopback pages (and clients that are no page) connect. */
    public ConnectFunction(SubscribeUseCase subscribe) {
        this(subscribe, WebSocketRoutes.DEFAULT_TIMEOUT, AllowedCallers.loopbackAndAddresses());
    }

    /** Waits at most 10 seconds for the subscription. */
    public ConnectFunction(SubscribeUseCase subscribe, AllowedCallers callers) {
        this(subscribe, WebSocketRoutes.DEFAULT_TIMEOUT, callers);
    }

    public ConnectFunction(SubscribeUseCase subscribe, Duration timeout, AllowedCallers callers) {
        this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
        this.timeout = WebSocketRoutes.checkTimeout(timeout);
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    /**
     * The person the {@code $connect} authorizer let in ({@link TicketAuthorizerFunction#PERSON_ID}
     * in {@code requestContext.authorizer}); empty when there is none or it is not a person's id.
     */
    static Optional<PersonId> personOf(APIGatewayV2WebSocketEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
            return Optional.empty();
        }
        Object person = event.getRequestContext().getAuthorizer().get(TicketAuthorizerFunction.PERSON_ID);
        if (!(person instanceof String id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PersonId(id));
        } catch (InvalidTodoException notAPerson) {
            return Optional.empty();
        }
    }

    @Override
    public APIGatewayV2WebSocketResponse apply(APIGatewayV2WebSocketEvent event) {
        if (event == null || !WebSocketRoutes.fromAllowedPage(event.getHeaders(), callers)) {
            log.info("Refused a connection from a page at {}",
                    WebSocketRoutes.abbreviate(WebSocketRoutes.header(event, "Origin")));
            return WebSocketRoutes.forbidden("Live changes are only sent to pages of this site.");
        }
        Optional<PersonId> person = personOf(event);
        if (person.isEmpty()) {
            // Only a route left open without its authorizer gets here: say so loudly, admit nobody.
            log.warn("Refused connection {}: no authorizer vouched for a person",
                    WebSocketRoutes.connectionOf(event).map(Object::toString).orElse("(none)"));
            return WebSocketRoutes.forbidden("Live changes need a ticket from the signed-in page.");
        }
        return WebSocketRoutes.call(event, timeout, log, "Subscribing",
                subscriber -> subscribe.subscribe(new SubscribeCommand(subscriber, person.get())));
    }
}
