package org.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TakenPartTest {

    @Test
    void readsTheTopLevelSenderEvenAfterNestedObjectsAndQuotedText() {
        String json = """
                {"id":5,"roomId":7,"content":"say \\"sender\\":{\\"id\\":99}","reply":{"sender":{"id":42}},
                 "reactions":[{"emoji":"x","userIds":[1,2]}],"sender":{"username":"ada","id":3},"seq":1}""";
        assertThat(TakenPart.senderId(json)).isEqualTo(3);
    }

    @Test
    void aMessageWithoutSenderHasNone() {
        assertThat(TakenPart.senderId("{\"id\":5,\"kind\":\"system\",\"sender\":null}")).isZero();
        assertThat(TakenPart.senderId("{\"id\":5}")).isZero();
    }

    @Test
    void forgetsAMemberWhoLeftAndARoomThatWent() {
        TakenPart known = new TakenPart();
        known.remember(7, 3);
        known.remember(7, 4);
        known.remember(8, 3);
        known.forget(7, 3);
        known.forgetRoom(8);
        assertThat(known.knows(7, 3)).isFalse();
        assertThat(known.knows(7, 4)).isTrue();
        assertThat(known.knows(8, 3)).isFalse();
    }
}
