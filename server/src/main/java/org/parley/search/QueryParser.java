package org.parley.search;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.errors.ParleyException;

/**
 * Reads what the user typed into {@link QueryPart}s. Forgiving about what cannot be helped while
 * typing (an unclosed quote runs to the end, a lone {@code -} or {@code *} is ignored, a filter
 * without a value is ignored) and strict about what would otherwise surprise (a date that is not
 * a date, an unknown {@code has:}, a negated filter): those are refused with a clear message.
 */
public final class QueryParser {
    public static final int MAX_CHARS = 500;
    public static final int MAX_TEXT_PARTS = 16;

    private final String q;
    private final List<QueryPart> parts = new ArrayList<>();
    private int i;

    private QueryParser(String q) {
        this.q = q;
    }

    /** The parts of {@code raw}, in order; refused when blank, too long or holding control characters. */
    public static List<QueryPart> parse(String raw) {
        if (raw == null || raw.isBlank()) throw invalid("Type something to search for.");
        if (raw.codePointCount(0, raw.length()) > MAX_CHARS) {
            throw invalid("A search has at most " + MAX_CHARS + " characters.");
        }
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw invalid("A search must not contain control characters.");
            }
        }
        QueryParser parser = new QueryParser(Normalizer.normalize(raw, Normalizer.Form.NFC));
        parser.run();
        long textParts = parser.parts.stream()
                .filter(p -> p instanceof QueryPart.TextPart || p instanceof QueryPart.Excluded).count();
        if (textParts > MAX_TEXT_PARTS) throw invalid("A search has at most " + MAX_TEXT_PARTS + " words and phrases.");
        return List.copyOf(parser.parts);
    }

    private void run() {
        while (true) {
            while (i < q.length() && Character.isWhitespace(q.charAt(i))) i++;
            if (i >= q.length()) return;
            boolean negated = false;
            if (q.charAt(i) == '-') {
                negated = true;
                i++;
                if (i >= q.length() || Character.isWhitespace(q.charAt(i))) continue;
            }
            if (q.charAt(i) == '"') {
                String text = quoted();
                if (hasLetterOrDigit(text)) add(negated, new QueryPart.Phrase(text.strip()));
                continue;
            }
            int start = i;
            while (i < q.length() && !Character.isWhitespace(q.charAt(i)) && q.charAt(i) != '"') i++;
            String chunk = q.substring(start, i);
            int colon = chunk.indexOf(':');
            String operator = colon > 0 ? chunk.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            if (isOperator(operator)) {
                String value = chunk.substring(colon + 1);
                if (value.isEmpty() && i < q.length() && q.charAt(i) == '"') value = quoted();
                if (negated) throw invalid("Filters like " + operator + ": cannot be excluded with -.");
                filter(operator, value.strip());
            } else {
                word(chunk, negated, i >= q.length());
            }
        }
    }

    /** The text up to the closing quote, or to the end when there is none; moves past it. */
    private String quoted() {
        int start = ++i;
        while (i < q.length() && q.charAt(i) != '"') i++;
        String text = q.substring(start, i);
        if (i < q.length()) i++;
        return text;
    }

    private void word(String chunk, boolean negated, boolean endsQuery) {
        int first = 0;
        while (first < chunk.length() && !Character.isLetterOrDigit(chunk.codePointAt(first))) first++;
        int last = chunk.length();
        while (last > first && !Character.isLetterOrDigit(chunk.codePointBefore(last))) last--;
        if (first >= last) return;
        String text = chunk.substring(first, last);
        if (chunk.substring(last).contains("*")) {
            add(negated, new QueryPart.Prefix(text));
        } else {
            add(negated, new QueryPart.Word(text, !negated && endsQuery));
        }
    }

    private void add(boolean negated, QueryPart.TextPart part) {
        parts.add(negated ? new QueryPart.Excluded(part) : part);
    }

    private static boolean isOperator(String op) {
        return switch (op) {
            case "from", "in", "before", "after", "has" -> true;
            default -> false;
        };
    }

    private void filter(String operator, String value) {
        if (value.isEmpty()) return;
        switch (operator) {
            case "from" -> {
                String name = value.startsWith("@") ? value.substring(1) : value;
                if (!name.isEmpty()) parts.add(new QueryPart.From(name.toLowerCase(Locale.ROOT)));
            }
            case "in" -> {
                String name = (value.startsWith("#") ? value.substring(1) : value).strip();
                if (!name.isEmpty()) parts.add(new QueryPart.InRoom(name));
            }
            case "before" -> parts.add(new QueryPart.Before(date(operator, value)));
            case "after" -> parts.add(new QueryPart.After(date(operator, value)));
            case "has" -> parts.add(switch (value.toLowerCase(Locale.ROOT)) {
                case "link", "links" -> new QueryPart.HasLink();
                case "file", "files" -> new QueryPart.HasFile();
                case "image", "images" -> new QueryPart.HasImage();
                default -> throw invalid("has: supports has:link, has:file and has:image.");
            });
            default -> throw new IllegalStateException(operator);
        }
    }

    private static LocalDate date(String operator, String value) {
        try {
            LocalDate date = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            if (date.getYear() >= 1 && date.getYear() <= 9999) return date;
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw invalid(operator + ": needs a date written as YYYY-MM-DD, like 2025-03-31.");
    }

    private static boolean hasLetterOrDigit(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static ParleyException invalid(String message) {
        return ParleyException.invalid("q", message);
    }
}
