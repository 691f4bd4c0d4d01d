package org.parley.files;

/**
 * The one byte range a {@code Range} header asks for, within a body of {@code size} bytes:
 * {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. A header this does not understand
 * (another unit, several ranges) means the whole body; a range starting beyond the end is
 * unsatisfiable (416).
 */
record ByteRange(long start, long end) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return end - start + 1;
    }

    /** The range, null for the whole body, or {@link #UNSATISFIABLE}. */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) return null;
        String spec = header.substring(6).strip();
        if (spec.contains(",")) return null;
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                if (b.isEmpty()) return null;
                long n = Long.parseLong(b);
                if (n <= 0) return UNSATISFIABLE;
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (start >= size) return UNSATISFIABLE;
            if (start < 0 || end < start) return null;
            return new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
