package org.parley.config;

import java.util.Locale;
import java.util.Set;

/** Tells a real TURN shared secret from an empty one or from the placeholders that sample files carry. */
final class TurnSecrets {
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "secret",
            "turn-secret", "turnsecret", "password", "placeholder", "example");

    private TurnSecrets() {}

    static boolean isPlaceholder(String secret) {
        String s = secret.trim().toLowerCase(Locale.ROOT);
        return s.isEmpty() || PLACEHOLDERS.contains(s) || s.startsWith("change-me") || s.startsWith("changeme")
                || (s.startsWith("<") && s.endsWith(">")) || (s.startsWith("${") && s.endsWith("}"));
    }
}
