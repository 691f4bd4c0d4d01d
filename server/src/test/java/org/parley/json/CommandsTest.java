package org.parley.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one command decoder: ids as numbers or digit strings, strings as strings, nothing else coerced. */
class CommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Post(long roomId, String content, Long replyTo) {}

    record Invite(long roomId, List<Long> userIds) {}

    record Share(long roomId, List<String> fileIds) {}

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static String refusedField(JsonNode body, Class<? extends Record> type) {
        try {
            Commands.decode(body, type);
        } catch (ParleyException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.fields()).hasSize(1);
            return e.fields().keySet().iterator().next();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void readsIdsAsNumbersOrDigitStringsAndLeavesOptionalFieldsNull() {
        assertThat(Commands.decode(json("{\"roomId\": 7, \"content\": \"hi\"}"), Post.class))
                .isEqualTo(new Post(7, "hi", null));
        assertThat(Commands.decode(json("{\"roomId\": \"7\", \"content\": null, \"replyTo\": \"3\", \"extra\": 1}"), Post.class))
                .isEqualTo(new Post(7, null, 3L));
        assertThat(Commands.decode(json("{\"roomId\": 1, \"userIds\": [2, \"3\"]}"), Invite.class))
                .isEqualTo(new Invite(1, List.of(2L, 3L)));
    }

    @Test
    void refusesWhatItWouldHaveToCoerceNamingTheField() {
        assertThat(refusedField(json("{\"roomId\": 1, \"content\": 42}"), Post.class)).isEqualTo("content");
        assertThat(refusedField(json("{\"roomId\": 1, \"content\": true}"), Post.class)).isEqualTo("content");
        assertThat(refusedField(json("{\"roomId\": 1.5}"), Post.class)).isEqualTo("roomId");
        assertThat(refusedField(json("{\"roomId\": \"abc\"}"), Post.class)).isEqualTo("roomId");
        assertThat(refusedField(json("{\"content\": \"x\"}"), Post.class)).isEqualTo("roomId");
        assertThat(refusedField(json("{\"roomId\": 1, \"replyTo\": [1]}"), Post.class)).isEqualTo("replyTo");
        assertThat(refusedField(json("{\"roomId\": 1, \"userIds\": [1.5]}"), Invite.class)).isEqualTo("userIds");
        assertThat(refusedField(json("{\"roomId\": 1, \"userIds\": 2}"), Invite.class)).isEqualTo("userIds");
    }

    @Test
    void readsListsOfStringsAndNothingElseAsThem() {
        assertThat(Commands.decode(json("{\"roomId\": 1, \"fileIds\": [\"a\", \"b\"]}"), Share.class))
                .isEqualTo(new Share(1, List.of("a", "b")));
        assertThat(Commands.decode(json("{\"roomId\": 1, \"fileIds\": null}"), Share.class)).isEqualTo(new Share(1, null));
        assertThat(Commands.decode(json("{\"roomId\": 1}"), Share.class)).isEqualTo(new Share(1, null));
        assertThat(refusedField(json("{\"roomId\": 1, \"fileIds\": [1]}"), Share.class)).isEqualTo("fileIds");
        assertThat(refusedField(json("{\"roomId\": 1, \"fileIds\": [\"a\", null]}"), Share.class)).isEqualTo("fileIds");
        assertThat(refusedField(json("{\"roomId\": 1, \"fileIds\": \"a\"}"), Share.class)).isEqualTo("fileIds");
    }

    @Test
    void knownValuesTakeThePlaceOfTheBodysFields() {
        assertThat(Commands.decode(json("{\"roomId\": 99, \"content\": \"hi\"}"), Post.class, Map.of("roomId", 5L)))
                .isEqualTo(new Post(5, "hi", null));
        assertThat(Commands.decode(json("{\"content\": \"hi\"}"), Post.class, Map.of("roomId", 5L)))
                .isEqualTo(new Post(5, "hi", null));
    }

    @Test
    void namesWhatWasWrong() {
        assertThatThrownBy(() -> Commands.decode(json("{\"roomId\": 1, \"content\": 42}"), Post.class))
                .hasMessage("content must be a string.");
        assertThatThrownBy(() -> Commands.decode(json("{\"roomId\": 1.5}"), Post.class))
                .hasMessage("roomId must be a number.");
        assertThatThrownBy(() -> Commands.decode(json("{}"), Post.class)).hasMessage("roomId is required.");
    }
}
