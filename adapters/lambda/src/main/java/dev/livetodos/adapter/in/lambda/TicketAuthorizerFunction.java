package dev.livetodos.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.livetodos.application.port.in.RedeemTicketCommand;
import dev.livetodos.application.port.in.RedeemTicketUseCase;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.LiveTicket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REQUEST authorizer of the WebSocket API's {@code $connect} route: a browser cannot send
 * the person's token on a WebSocket handshake, so it brings the single-use ticket the signed-in
 * HTTP API issued ({@code ?ticket=…}), and this decides whether the connection opens.
 *
 * <p>A page of another site is refused before the ticket is looked at, so a foreign page that
 * got hold of a ticket cannot use it up. A ticket that is missing, cannot be one, was used or
 * has expired is refused with a Deny policy (API Gateway answers 403). An allowed connection
 * carries its person and when their token expires in the authorizer context, which
 * {@code $connect} and later routes read from {@code requestContext.authorizer}.
 *
 * <p>When the store cannot say whether the ticket is good, this throws: API Gateway answers 500
 * (the page tries again with a fresh ticket), and nothing ever allows a connection it could not
 * check. A Deny would look like a refused ticket and be logged as a client's mistake. The ticket's
 * value is never logged: until it is used it opens a connection.
 */
public final class TicketAuthorizerFunction implements java.util.function.Function<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    /** The query parameter the page puts the ticket in; the route's identity source names the same. */
    public static final String TICKET_PARAMETER = "ticket";
    /** Context key: whose connection it is ({@code PersonId}). */
    public static final String PERSON_ID = "personId";
    /** Context key: when the token behind the ticket expires, in epoch seconds; the connection ends then. */
    public static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";
    /** API Gateway wants a principal on every answer; a refused connection has none of its own. */
    static final String NOBODY = "nobody";

    private static final Logger log = LoggerFactory.getLogger(TicketAuthorizerFunction.class);

    private final RedeemTicketUseCase redeem;
    private final Duration timeout;
    private final AllowedCallers callers;

    /** Waits at most 10 seconds for the store. */
    public TicketAuthorizerFunction(RedeemTicketUseCase redeem, AllowedCallers callers) {
        this(redeem, WebSocketRoutes.DEFAULT_TIMEOUT, callers);
    }

    public TicketAuthorizerFunction(RedeemTicketUseCase redeem, Duration timeout, AllowedCallers callers) {
        this.redeem = Objects.requireNonNull(redeem, "redeem");
        this.timeout = WebSocketRoutes.checkTimeout(timeout);
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    @Override
    public IamPolicyResponseV1 apply(APIGatewayCustomAuthorizerEvent event) {
        if (event == null || event.getMethodArn() == null || event.getMethodArn().isBlank()) {
            log.warn("Refused a connection: the authorizer event names no route");
            return deny("*");
        }
        String from = sourceOf(event);
        if (!WebSocketRoutes.fromAllowedPage(event.getHeaders(), callers)) {
            log.info("Refused a connection from {}: a page at {}", from,
                    WebSocketRoutes.abbreviate(WebSocketRoutes.header(event.getHeaders(), "Origin")));
            return deny(event.getMethodArn());
        }
        String ticket = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get(TICKET_PARAMETER);
        if (ticket == null) {
            log.info("Refused a connection from {}: it brought no ticket", from);
            return deny(event.getMethodArn());
        }
        Optional<LiveTicket> redeemed = redeem(ticket, from);
        if (redeemed.isEmpty()) {
            log.info("Refused a connection from {}: the ticket is unknown, used or expired", from);
            return deny(event.getMethodArn());
        }
        return allow(event.getMethodArn(), redeemed.get());
    }

    private Optional<LiveTicket> redeem(String ticket, String from) {
        try {
            return redeem.redeemTicket(new RedeemTicketCommand(ticket)).blockOptional(timeout);
        } catch (RuntimeException e) {
            // One line, as the other routes log; the exception says nothing of the ticket's value.
            log.error("Checking the ticket of a connection from {} failed: {}", from, e.toString());
            throw new TicketCheckFailedException(e);
        }
    }

    private static String sourceOf(APIGatewayCustomAuthorizerEvent event) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayCustomAuthorizerEvent.RequestContext::getIdentity)
                .map(APIGatewayCustomAuthorizerEvent.Identity::getSourceIp)
                .map(WebSocketRoutes::abbreviate)
                .orElse("(unknown address)");
    }

    private static IamPolicyResponseV1 allow(String methodArn, LiveTicket ticket) {
        return IamPolicyResponseV1.builder()
                .withPrincipalId(ticket.person().value())
                .withPolicyDocument(policy(IamPolicyResponseV1.allowStatement(methodArn)))
                .withContext(Map.of(
                        PERSON_ID, ticket.person().value(),
                        TOKEN_EXPIRES_AT, ticket.tokenExpiresAt().getEpochSecond()))
                .build();
    }

    private static IamPolicyResponseV1 deny(String methodArn) {
        return IamPolicyResponseV1.builder()
                .withPrincipalId(NOBODY)
                .withPolicyDocument(policy(IamPolicyResponseV1.denyStatement(methodArn)))
                .build();
    }

    private static IamPolicyResponseV1.PolicyDocument policy(IamPolicyResponseV1.Statement statement) {
        return IamPolicyResponseV1.PolicyDocument.builder()
                .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                .withStatement(List.of(statement))
                .build();
    }

    /** The store could not say whether a ticket is good; API Gateway answers 500 and the connection does not open. */
    static final class TicketCheckFailedException extends RuntimeException {

        TicketCheckFailedException(Throwable cause) {
            super("The ticket could not be checked", cause);
        }
    }
}
