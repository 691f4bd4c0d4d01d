package org.parley.bench.load;

/** Just enough JSON reading for the frames the generator sees: numbers and simple strings by key. */
final class Frames {
    private Frames() {}

    static long longField(String s, String key, int from) {
        int i = s.indexOf("\"" + key + "\":", from);
        if (i < 0) return Long.MIN_VALUE;
        i += key.length() + 3;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        boolean neg = i < s.length() && s.charAt(i) == '-';
        if (neg) i++;
        long v = 0;
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) v = v * 10 + (s.charAt(i++) - '0');
        if (i == start) return Long.MIN_VALUE;
        return neg ? -v : v;
    }

    static String stringField(String s, String key, int from) {
        int i = s.indexOf("\"" + key + "\":\"", from);
        if (i < 0) return null;
        i += key.length() + 4;
        int end = s.indexOf('"', i);
        return end < 0 ? null : s.substring(i, end);
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
