package dev.livetodos.adapter.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live-change protocol's JSON: written by this module's own mapper, so no application-wide
 * Jackson setting changes a frame, and read back leniently where a client speaks (a ping may
 * carry other fields and white space). Fields come in the order the records declare them. Control
 * characters other than tab, newline and carriage return are written as lower-case {@code \\u}
 * escapes, as the frames have always had them; the rest of the text is written as it is.
 */
public final class LiveJson {

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().characterEscapes(new FrameEscapes()).build())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private LiveJson() {
    }

    /** The message as one line of JSON. */
    public static String write(Object message) {
        return MAPPER.writeValueAsString(message);
    }

    /**
     * Whether a client's text is a ping: a JSON object whose {@code type} is {@code "ping"}; other
     * fields and white space do not matter. Anything else (not JSON, another type, nothing) is not.
     */
    public static boolean isPing(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            JsonNode message = MAPPER.readTree(text);
            return message != null && message.isObject() && message.path("type").isString()
                    && TypedMessage.PING.type().equals(message.path("type").stringValue());
        } catch (JacksonException notJson) {
            return false;
        }
    }

    /** JSON's standard escapes, but {@code \b} and {@code \f} as {@code \\u0008} and {@code \\u000c}. */
    private static final class FrameEscapes extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        FrameEscapes() {
            ascii['\b'] = ESCAPE_STANDARD;
            ascii['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
