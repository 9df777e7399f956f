package dev.livetodos.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client may send, and what the server answers when it does not understand it. */
class LiveJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\"}", "  {\n \"type\" : \"ping\" }\t", "{\"type\":\"ping\",\"at\":123}",
            "{\"at\":{\"nested\":[1,2]},\"type\":\"ping\"}"})
    void aJsonObjectOfTypePingIsAPing(String text) {
        assertThat(LiveJson.isPing(text)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "ping", "\"ping\"", "[{\"type\":\"ping\"}]", "{\"type\":\"PING\"}", "{\"type\":[\"ping\"]}",
            "{\"kind\":\"ping\"}", "{\"type\":\"pong\"}", "{\"type\":\"ping\"", "{\"type\":null}", "null"})
    void anythingElseIsNotAPing(String text) {
        assertThat(LiveJson.isPing(text)).isFalse();
    }

    @Test
    void writesAnErrorAsTypeAndMessage() {
        String error = LiveJson.write(new ErrorMessage("Only {\"type\":\"ping\"} is understood."));

        assertThat(error).isEqualTo("{\"type\":\"error\",\"message\":\"Only {\\\"type\\\":\\\"ping\\\"} is understood.\"}");
    }

    @Test
    void writesBackspaceAndFormFeedAsUnicodeEscapesInLowerCase() {
        String json = LiveJson.write(new ErrorMessage("a\bb\fc\u001Fd"));

        assertThat(json).isEqualTo("{\"type\":\"error\",\"message\":\"a\\u0008b\\u000cc\\u001fd\"}");
    }
}
