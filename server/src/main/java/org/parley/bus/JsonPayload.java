package org.parley.bus;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.StringWriter;
import java.util.Objects;
import org.parley.json.Json;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A body serialized once, by the service that publishes it, with the neutral mapper: the bus
 * carries it between nodes and the gateway hands it to sockets without knowing its type. Written,
 * by any mapper, as the JSON value itself (not as a string); read back, from Redis, token for token
 * without building a tree, so the text a client receives is the text the service wrote.
 */
@JsonDeserialize(using = JsonPayload.Reader.class)
public record JsonPayload(@JsonValue @JsonRawValue String json) {

    public JsonPayload {
        Objects.requireNonNull(json, "json");
    }

    /** {@code value} as the neutral mapper writes it. */
    public static JsonPayload of(Object value) {
        return new JsonPayload(Json.MAPPER.writeValueAsString(value));
    }

    /** Copies the value under the parser, tokens as they are, back to text. */
    static final class Reader extends ValueDeserializer<JsonPayload> {
        @Override
        public JsonPayload deserialize(JsonParser p, DeserializationContext ctxt) {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = Json.MAPPER.createGenerator(text)) {
                g.copyCurrentStructureExact(p);
            }
            return new JsonPayload(text.toString());
        }
    }
}
