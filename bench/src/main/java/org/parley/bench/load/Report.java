package org.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ordered JSON object built by the scenarios and written to bench/results/. */
final class Report {
    final Map<String, Object> root = new LinkedHashMap<>();

    Report put(String key, Object value) {
        root.put(key, value);
        return this;
    }

    static Map<String, Object> obj() {
        return new LinkedHashMap<>();
    }

    static List<Object> list() {
        return new ArrayList<>();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(root, 0) + "\n");
    }

    static String toJson(Object v, int indent) {
        String pad = "  ".repeat(indent + 1);
        String end = "  ".repeat(indent);
        return switch (v) {
            case null -> "null";
            case String s -> Frames.quote(s);
            case Double d -> d.isNaN() || d.isInfinite() ? "null" : String.format(java.util.Locale.ROOT, "%.3f", d);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> m -> {
                if (m.isEmpty()) yield "{}";
                StringBuilder sb = new StringBuilder("{\n");
                int i = 0;
                for (var e : m.entrySet()) {
                    sb.append(pad).append(Frames.quote(String.valueOf(e.getKey()))).append(": ")
                            .append(toJson(e.getValue(), indent + 1));
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                yield sb.append(end).append('}').toString();
            }
            case List<?> l -> {
                if (l.isEmpty()) yield "[]";
                StringBuilder sb = new StringBuilder("[\n");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(pad).append(toJson(l.get(i), indent + 1)).append(i + 1 < l.size() ? ",\n" : "\n");
                }
                yield sb.append(end).append(']').toString();
            }
            default -> Frames.quote(v.toString());
        };
    }
}
