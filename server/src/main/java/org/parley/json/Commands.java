package org.parley.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.errors.ParleyException;
import tools.jackson.databind.JsonNode;

/**
 * The one strict decoder of commands, used by REST and the socket gateway alike. A command is a
 * record; each component is read from the JSON object field of the same name:
 * <ul>
 *   <li>{@code long} or {@code Long}: an id or count, given as a whole number or a string of digits;
 *       a {@code long} is required, a {@code Long} may be missing or null;</li>
 *   <li>{@code String}: a string, or missing or null;</li>
 *   <li>{@code List<Long>}: an array of such numbers, or missing or null;</li>
 *   <li>{@code List<String>}: an array of strings, or missing or null.</li>
 * </ul>
 * Nothing else is coerced: {@code {"content": 42}} and {@code {"userId": 1.5}} are refused as
 * {@code invalid_input} naming the field. Unknown fields are ignored. Values the transport
 * already knows (a REST path's ids) are given as {@code known}: they take the place of the
 * fields of the same name, which the body cannot override.
 */
public final class Commands {
    private Commands() {}

    /** Decodes {@code object} (a JSON object) into a {@code type}. */
    public static <T extends Record> T decode(JsonNode object, Class<T> type) {
        return decode(object, type, Map.of());
    }

    /** Decodes {@code object} into a {@code type}, with the components named in {@code known} taken from there. */
    public static <T extends Record> T decode(JsonNode object, Class<T> type, Map<String, Long> known) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            values[i] = known.containsKey(c.getName()) ? known.get(c.getName()) : read(object, c);
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object read(JsonNode object, RecordComponent c) {
        String field = c.getName();
        Class<?> type = c.getType();
        if (type == long.class) return requiredId(object, field);
        if (type == Long.class) return optionalId(object, field);
        if (type == String.class) return string(object, field);
        if (type == List.class && elementType(c) == Long.class) return ids(object, field);
        if (type == List.class && elementType(c) == String.class) return strings(object, field);
        throw new IllegalArgumentException("Commands cannot decode " + c.getGenericType() + " " + field);
    }

    /** A required id: a whole number or a string of digits. */
    public static long requiredId(JsonNode object, String field) {
        JsonNode n = object.path(field);
        if (n.isMissingNode() || n.isNull()) throw ParleyException.invalid(field, field + " is required.");
        return id(n, field);
    }

    /** An optional id: absent or null is null. */
    public static Long optionalId(JsonNode object, String field) {
        JsonNode n = object.path(field);
        return n.isMissingNode() || n.isNull() ? null : id(n, field);
    }

    /** An optional string: absent or null is null; anything but a string is refused. */
    public static String string(JsonNode object, String field) {
        JsonNode n = object.path(field);
        if (n.isMissingNode() || n.isNull()) return null;
        if (!n.isString()) throw ParleyException.invalid(field, field + " must be a string.");
        return n.stringValue();
    }

    /** An id given on its own, not as a field: a whole number or a string of digits. */
    public static long id(JsonNode n, String field) {
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isString()) {
            try {
                return Long.parseLong(n.stringValue());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw ParleyException.invalid(field, field + " must be a number.");
    }

    private static List<Long> ids(JsonNode object, String field) {
        JsonNode n = object.path(field);
        if (n.isMissingNode() || n.isNull()) return null;
        if (!n.isArray()) throw ParleyException.invalid(field, field + " must be a list of numbers.");
        List<Long> ids = new ArrayList<>(n.size());
        for (JsonNode element : n) {
            try {
                ids.add(id(element, field));
            } catch (ParleyException e) {
                throw ParleyException.invalid(field, field + " must be a list of numbers.");
            }
        }
        return List.copyOf(ids);
    }

    private static List<String> strings(JsonNode object, String field) {
        JsonNode n = object.path(field);
        if (n.isMissingNode() || n.isNull()) return null;
        if (!n.isArray()) throw ParleyException.invalid(field, field + " must be a list of strings.");
        List<String> strings = new ArrayList<>(n.size());
        for (JsonNode element : n) {
            if (!element.isString()) throw ParleyException.invalid(field, field + " must be a list of strings.");
            strings.add(element.stringValue());
        }
        return List.copyOf(strings);
    }

    private static Type elementType(RecordComponent c) {
        return c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }
}
