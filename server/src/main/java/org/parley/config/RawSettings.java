package org.parley.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Setting values as strings, merged by precedence: command-line flags over environment variables
 * over the config file over defaults. Unknown keys are errors, so a typo never goes unnoticed.
 */
final class RawSettings {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    static RawSettings load(List<String> args, Map<String, String> env) {
        Map<String, String> flags = parseFlags(args);
        RawSettings raw = new RawSettings();
        for (Setting s : Settings.ALL) {
            raw.put(s.key(), s.defaultValue(), "default");
        }
        String configPath = flags.getOrDefault(Settings.CONFIG.key(), env.get(Settings.CONFIG.envName()));
        if (configPath != null && !configPath.isBlank()) {
            raw.putAll(readFile(Path.of(configPath)), "config file " + configPath);
        }
        for (Setting s : Settings.ALL) {
            String v = env.get(s.envName());
            if (v != null) raw.put(s.key(), v, "environment variable " + s.envName());
        }
        raw.putAll(flags, "command line");
        return raw;
    }

    String get(Setting setting) {
        return values.get(setting.key()).trim();
    }

    String sourceOf(Setting setting) {
        return sources.get(setting.key());
    }

    private void put(String key, String value, String source) {
        values.put(key, value);
        sources.put(key, source);
    }

    private void putAll(Map<String, String> entries, String source) {
        entries.forEach((k, v) -> {
            if (Settings.byKey(k).isEmpty()) {
                throw new ConfigException("Unknown setting '" + k + "' in " + source
                        + ". Run with --help to list the settings.");
            }
            put(k, v, source);
        });
    }

    private static Map<String, String> parseFlags(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("Unexpected argument '" + arg + "'. Flags look like --port 9090 or --port=9090.");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                flags.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                flags.put(body, args.get(++i));
            } else {
                throw new ConfigException("Flag --" + body + " needs a value.");
            }
        }
        flags.keySet().forEach(k -> {
            if (Settings.byKey(k).isEmpty()) {
                throw new ConfigException("Unknown flag --" + k + ". Run with --help to list the settings.");
            }
        });
        return flags;
    }

    private static Map<String, String> readFile(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + path + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }
}
