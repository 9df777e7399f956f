package dev.livetodos.adapter.in.web;

import dev.livetodos.domain.model.InvalidTodoException;
import dev.livetodos.domain.model.Violation;
import java.util.Collection;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads request bodies: JSON only, at most {@value #MAX_BYTES} bytes, one well-formed value
 * whose shape matches the wire type exactly. Shape errors are reported like the domain's own
 * rule violations, with the JSON path of the bad value as the field.
 */
final class JsonBodies {

    /** The contract's body limit: 64 KiB. */
    static final int MAX_BYTES = 64 * 1024;

    private static final List<MediaType> ACCEPTED = List.of(MediaType.APPLICATION_JSON);

    private JsonBodies() {
    }

    static <T> Mono<T> read(ServerRequest request, Class<T> type) {
        return read(request, StrictJson.MAPPER.constructType(type));
    }

    static <T> Mono<List<T>> readList(ServerRequest request, Class<T> elementType) {
        return read(request, StrictJson.MAPPER.getTypeFactory().constructCollectionType(List.class, elementType));
    }

    private static <T> Mono<T> read(ServerRequest request, JavaType type) {
        return Mono.defer(() -> {
            checkContentType(request);
            if (request.headers().contentLength().orElse(0) > MAX_BYTES) {
                return Mono.error(new ContentTooLargeException(null));
            }
            return DataBufferUtils.join(request.exchange().getRequest().getBody(), MAX_BYTES)
                    .onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new)
                    .map(JsonBodies::drain)
                    .defaultIfEmpty(new byte[0])
                    .map(bytes -> bind(parse(bytes), type));
        });
    }

    private static void checkContentType(ServerRequest request) {
        MediaType contentType;
        try {
            contentType = request.headers().contentType().orElse(null);
        } catch (InvalidMediaTypeException unreadable) {
            // "application/json, text/plain" and the like: not one media type, so not JSON.
            throw new UnsupportedMediaTypeStatusException(null, ACCEPTED, request.method());
        }
        if (contentType == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(contentType)) {
            throw new UnsupportedMediaTypeStatusException(contentType, ACCEPTED, request.method());
        }
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = StrictJson.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            TokenStreamLocation location = e.getLocation();
            throw location == null
                    ? RequestProblem.malformedJson(0, 0)
                    : RequestProblem.malformedJson(location.getLineNr(), location.getColumnNr());
        }
        if (tree == null || tree.isMissingNode()) {
            throw RequestProblem.emptyBody();
        }
        return tree;
    }

    private static <T> T bind(JsonNode tree, JavaType type) {
        if (tree.isNull()) {
            // A JSON null stands for a value that was not sent, here the whole body.
            throw InvalidTodoException.of(Violation.WHOLE_REQUEST, "is required");
        }
        try {
            return StrictJson.MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new InvalidTodoException(List.of(violationOf(e)));
        }
    }

    private static Violation violationOf(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            // Jackson's path of an unknown property ends with that property.
            return new Violation(pathOf(unknown.getPath()), "is not a known field");
        }
        String field = pathOf(e.getPath());
        if (e instanceof MismatchedInputException mismatch) {
            return new Violation(field, expectation(mismatch.getTargetType()));
        }
        if (e instanceof InputCoercionException) {
            return new Violation(field, "is out of range");
        }
        return new Violation(field, "has the wrong type");
    }

    /** The path in the domain's notation: {@code name}, {@code [0].changes.status}, {@code $} for the body. */
    private static String pathOf(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? Violation.WHOLE_REQUEST : path.toString();
    }

    private static String expectation(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return "must be a string";
        }
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "must be a whole number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }
}
