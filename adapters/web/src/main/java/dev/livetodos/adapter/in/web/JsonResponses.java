package dev.livetodos.adapter.in.web;

import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Writes answers as bytes from the adapter's own mapper, so the wire format does not depend on
 * which codecs the application happens to register.
 */
final class JsonResponses {

    private JsonResponses() {
    }

    static Mono<ServerResponse> respond(ServerResponse.BodyBuilder response, Object body) {
        return Mono.fromCallable(() -> StrictJson.MAPPER.writeValueAsBytes(body))
                .flatMap(bytes -> response
                        .contentType(MediaType.APPLICATION_JSON)
                        .contentLength(bytes.length)
                        .body(bytes(bytes)));
    }

    /** The bytes as the body, through no codec. */
    static BodyInserter<byte[], ReactiveHttpOutputMessage> bytes(byte[] bytes) {
        return (message, context) -> message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(bytes)));
    }
}
