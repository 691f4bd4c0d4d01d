package org.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/operations.md must list every setting with its environment variable and default. */
class OperationsDocTest {

    @Test
    void everySettingIsDocumentedWithItsDefault() throws Exception {
        Path doc = Path.of(System.getProperty("parley.repoRoot", ".."), "docs", "operations.md");
        String text = Files.readString(doc);
        for (Setting s : Settings.ALL) {
            String def = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
            String row = "| `" + s.flag() + "` | `" + s.envName() + "` | " + def + " |";
            assertThat(text).as("row for " + s.key()).contains(row);
        }
    }
}
