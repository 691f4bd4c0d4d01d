package org.parley.config;

/**
 * One configuration setting: its key (used in the config file and as {@code --key} on the command
 * line), the environment variable that sets it, its default and what it means. {@link Settings}
 * holds the whole table; {@code docs/operations.md} mirrors it.
 */
public record Setting(String key, String defaultValue, String description) {

    /** {@code PARLEY_} followed by the key in upper case with dots and dashes as underscores. */
    public String envName() {
        return "PARLEY_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    public String flag() {
        return "--" + key;
    }
}
