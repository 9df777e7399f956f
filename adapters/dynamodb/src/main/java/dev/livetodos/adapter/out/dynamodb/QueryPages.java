package dev.livetodos.adapter.out.dynamodb;

import java.util.Map;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.paginators.QueryPublisher;

/**
 * The items of every page of a query, one after another, flattened by Reactor. Not the SDK's own
 * {@code QueryPublisher.items()}: up to at least 2.40.x it signals each item of a page by a
 * recursive call, so a page of a few thousand small items (a 1 MB page of short todos holds about
 * 4,700) overflows the stack inside the SDK, the error is dropped, and the read never completes
 * (aws/aws-sdk-java-v2#6411, fixed by #6668 in a later release). A list of 10,000 todos hung its
 * whole-list read, and with it the read's turn, for good.
 */
final class QueryPages {

    private QueryPages() {
    }

    static Flux<Map<String, AttributeValue>> items(QueryPublisher pages) {
        return Flux.from(pages).concatMapIterable(QueryResponse::items);
    }
}
