package org.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md lists the chat events in two tables (10.1 client to server, 10.2 server to
 * client); the first column holds the backticked event names, several to a cell separated by
 * commas. Those names and the gateway's {@link ClientEvent} and {@link ServerEvent} lists must be
 * the same, both ways.
 */
class ChatEventsDocTest {
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    void clientEventsAreTheDocumentedOnes() throws Exception {
        Set<String> code = Arrays.stream(ClientEvent.values()).map(ClientEvent::wire)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(code).containsExactlyInAnyOrderElementsOf(documented("### 10.1 Client to server"));
    }

    @Test
    void serverEventsAreTheDocumentedOnes() throws Exception {
        Set<String> code = Arrays.stream(ServerEvent.values()).map(ServerEvent::wire)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(code).containsExactlyInAnyOrderElementsOf(documented("### 10.2 Server to client"));
    }

    /** The event names in the first column of the table under {@code heading}, up to the next heading. */
    private static Set<String> documented(String heading) throws Exception {
        Path doc = Path.of(System.getProperty("parley.repoRoot", ".."), "docs", "protocol.md");
        String text = Files.readString(doc);
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading + " in protocol.md").isNotNegative();
        int end = text.indexOf("\n#", start + heading.length() + 2);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Set<String> names = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) continue;
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = NAME.matcher(firstCell);
            while (m.find()) names.add(m.group(1));
        }
        assertThat(names).as("events in " + heading).isNotEmpty();
        return names;
    }
}
