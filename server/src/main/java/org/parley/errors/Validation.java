package org.parley.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects field problems so a form gets every error at once, then throws them together. */
public final class Validation {
    private final Map<String, String> problems = new LinkedHashMap<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok && !problems.containsKey(field)) problems.put(field, message);
        return this;
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) throw ParleyException.invalid(problems);
    }
}
