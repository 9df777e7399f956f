package dev.livetodos.adapter.out.dynamodb;

import dev.livetodos.domain.model.StoreUnavailableException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Turns what the SDK throws, after its own retries, into what the core understands. */
final class StoreErrors {

    private StoreErrors() {
    }

    static Throwable translate(Throwable thrown) {
        Throwable error = unwrap(thrown);
        if (error instanceof SdkClientException) {
            return new StoreUnavailableException("The todo store cannot be reached.", error);
        }
        if (error instanceof ResourceNotFoundException) {
            return new StoreUnavailableException("The todo table does not exist.", error);
        }
        if (error instanceof DynamoDbException dynamo && (dynamo.isThrottlingException() || dynamo.statusCode() >= 500)) {
            return new StoreUnavailableException("The todo store is overloaded or failing.", error);
        }
        return error;
    }

    /** SDK futures may complete with the real error wrapped in a {@link CompletionException}. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
