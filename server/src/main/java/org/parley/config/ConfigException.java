package org.parley.config;

/** A setting that is missing, malformed or out of range; the message says which and why. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
