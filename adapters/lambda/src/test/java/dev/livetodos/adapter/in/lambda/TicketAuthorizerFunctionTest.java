package dev.livetodos.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.livetodos.application.port.out.LiveTickets;
import dev.livetodos.application.service.RedeemTicketService;
import dev.livetodos.domain.model.AllowedCallers;
import dev.livetodos.domain.model.LiveTicket;
import dev.livetodos.domain.model.PersonId;
import dev.livetodos.domain.model.TicketCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class TicketAuthorizerFunctionTest {

    /** The site's CloudFront URL, as infra configures it; the event file's page comes from there. */
    private static final AllowedCallers THE_SITE = new AllowedCallers(List.of(), List.of("https://d111111abcdef8.cloudfront.net"));
    private static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcd123456/prod/$connect";
    private static final PersonId ALICE = new PersonId("3f1c2a7e-5b9d-4c1e-8a2f-6d0b9e4c7a15");
    private static final Instant TOKEN_EXPIRES_AT = Instant.parse("2036-11-23T11:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MemoryTickets tickets = new MemoryTickets();
    private final TicketAuthorizerFunction authorizer = new TicketAuthorizerFunction(new RedeemTicketService(tickets), THE_SITE);

    @Test
    void givenAnIssuedTicket_thenAllowsThisConnectAndNamesThePersonAndWhenTheirTokenExpires() {
        LiveTicket ticket = tickets.issued(ALICE);

        IamPolicyResponseV1 policy = authorizer.apply(WebSocketEvents.authorize(ticket.code().value()));

        thenAllowed(policy);
        assertThat(policy.getPrincipalId()).isEqualTo(ALICE.value());
        assertThat(policy.getContext()).containsExactlyInAnyOrderEntriesOf(Map.of(
                TicketAuthorizerFunction.PERSON_ID, ALICE.value(),
                TicketAuthorizerFunction.TOKEN_EXPIRES_AT, TOKEN_EXPIRES_AT.getEpochSecond()));
    }

    @Test
    void givenTheSameTicketTwice_thenTheSecondConnectIsDenied() {
        LiveTicket ticket = tickets.issued(ALICE);
        authorizer.apply(WebSocketEvents.authorize(ticket.code().value()));

        IamPolicyResponseV1 again = authorizer.apply(WebSocketEvents.authorize(ticket.code().value()));

        thenDenied(again);
    }

    @Test
    void givenATicketThatCannotBeOne_thenDeniesWithoutAskingTheStore() {
        for (String malformed : List.of("", "short", "not a ticket at all, with spaces!", "x".repeat(129), "ab/cdefghijklmnopqrstuvwxyz")) {
            thenDenied(authorizer.apply(WebSocketEvents.authorize(malformed)));
        }

        assertThat(tickets.redeemCalls()).isZero();
    }

    @Test
    void givenAWellFormedTicketNobodyIssued_thenDenies() {
        IamPolicyResponseV1 policy = authorizer.apply(WebSocketEvents.authorize(TicketCode.random().value()));

        thenDenied(policy);
        assertThat(tickets.redeemCalls()).isEqualTo(1);
    }

    @Test
    void givenNoTicket_thenDeniesWithoutAskingTheStore() {
        APIGatewayCustomAuthorizerEvent noQuery = WebSocketEvents.authorize(null);
        noQuery.setQueryStringParameters(null);

        thenDenied(authorizer.apply(WebSocketEvents.authorize(null)));
        thenDenied(authorizer.apply(noQuery));
        assertThat(tickets.redeemCalls()).isZero();
    }

    @Test
    void givenAPageFromAnotherSite_thenDeniesAndTheTicketIsStillGood() {
        LiveTicket ticket = tickets.issued(ALICE);
        APIGatewayCustomAuthorizerEvent foreign = WebSocketEvents.authorize(ticket.code().value());
        Map<String, String> headers = new HashMap<>(foreign.getHeaders());
        headers.put("Origin", "https://evil.example");
        foreign.setHeaders(headers);

        thenDenied(authorizer.apply(foreign));
        assertThat(tickets.redeemCalls()).isZero();

        thenAllowed(authorizer.apply(WebSocketEvents.authorize(ticket.code().value())));
    }

    @Test
    void givenTheStoreFails_thenThrowsSoApiGatewayAnswers500AndNothingIsAllowed() {
        TicketAuthorizerFunction failing = new TicketAuthorizerFunction(
                command -> Mono.error(new IllegalStateException("Table todos-prod is being deleted")), THE_SITE);
        String ticket = TicketCode.random().value();

        assertThatThrownBy(() -> failing.apply(WebSocketEvents.authorize(ticket)))
                .isInstanceOf(TicketAuthorizerFunction.TicketCheckFailedException.class)
                .message().doesNotContain(ticket);
    }

    @Test
    void givenTheStoreDoesNotAnswerInTime_thenThrows() {
        TicketAuthorizerFunction slow = new TicketAuthorizerFunction(command -> Mono.never(), Duration.ofMillis(50), THE_SITE);

        assertThatThrownBy(() -> slow.apply(WebSocketEvents.authorize(TicketCode.random().value())))
                .isInstanceOf(TicketAuthorizerFunction.TicketCheckFailedException.class);
    }

    @Test
    void givenAnEventWithoutRoute_thenDeniesEverything() {
        APIGatewayCustomAuthorizerEvent event = WebSocketEvents.authorize(tickets.issued(ALICE).code().value());
        event.setMethodArn(null);

        IamPolicyResponseV1 policy = authorizer.apply(event);

        assertThat(statement(policy)).containsEntry("Effect", "Deny").containsEntry("Resource", List.of("*"));
        assertThat(tickets.redeemCalls()).isZero();
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TicketAuthorizerFunction(new RedeemTicketService(tickets), Duration.ZERO, THE_SITE));
    }

    private static void thenAllowed(IamPolicyResponseV1 policy) {
        assertThat(statement(policy)).containsEntry("Effect", "Allow")
                .containsEntry("Action", "execute-api:Invoke")
                .containsEntry("Resource", List.of(METHOD_ARN));
    }

    private static void thenDenied(IamPolicyResponseV1 policy) {
        assertThat(statement(policy)).containsEntry("Effect", "Deny")
                .containsEntry("Action", "execute-api:Invoke")
                .containsEntry("Resource", List.of(METHOD_ARN));
        assertThat(policy.getPrincipalId()).isEqualTo(TicketAuthorizerFunction.NOBODY);
        assertThat(policy.getContext()).isNullOrEmpty();
    }

    /** The policy's one statement as API Gateway reads it: the answer's JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> statement(IamPolicyResponseV1 policy) {
        Map<String, Object> json = JSON.convertValue(policy, Map.class);
        Map<String, Object> document = (Map<String, Object>) json.get("policyDocument");
        assertThat(document).containsEntry("Version", "2012-10-17");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    /** Tickets in memory, used up on redemption like the store's; counts how often it was asked. */
    private static final class MemoryTickets implements LiveTickets {

        private final Map<TicketCode, LiveTicket> issued = new ConcurrentHashMap<>();
        private final AtomicInteger redeemCalls = new AtomicInteger();

        LiveTicket issued(PersonId person) {
            LiveTicket ticket = new LiveTicket(TicketCode.random(), person, Instant.now().plusSeconds(30), TOKEN_EXPIRES_AT);
            issued.put(ticket.code(), ticket);
            return ticket;
        }

        int redeemCalls() {
            return redeemCalls.get();
        }

        @Override
        public Mono<Void> issue(LiveTicket ticket) {
            return Mono.fromRunnable(() -> issued.put(ticket.code(), ticket));
        }

        @Override
        public Mono<LiveTicket> redeem(TicketCode code) {
            return Mono.fromCallable(() -> {
                redeemCalls.incrementAndGet();
                return issued.remove(code);
            });
        }
    }
}
