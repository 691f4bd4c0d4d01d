package org.parley.config;

import java.net.InetAddress;

/**
 * A block of IP addresses written as an address literal ({@code 10.1.2.3}, {@code ::1}) or in CIDR
 * notation ({@code 10.0.0.0/8}, {@code fc00::/7}). Parsing never resolves host names. An IPv4
 * range matches only IPv4 addresses (IPv4-mapped IPv6 addresses count as IPv4), an IPv6 range
 * only IPv6 ones.
 */
public record AddressRange(byte[] network, int prefixBits) {

    /** Parses a range; throws {@link IllegalArgumentException} with a reason when it is not one. */
    public static AddressRange parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bytes.length * 8);
            }
        }
        return new AddressRange(mask(bytes, bits), bits);
    }

    /** True when {@code address} (a literal; brackets around IPv6 are allowed) lies in this range. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefixBits), network);
    }

    /** The bytes of an IP address literal, or null when {@code text} is not one (no name lookups). */
    static byte[] literal(String text) {
        if (text == null) return null;
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        if (s.isEmpty() || !(s.contains(":") || s.matches("[0-9.]+"))) return null;
        try {
            return InetAddress.ofLiteral(s).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mask(byte[] bytes, int bits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefixBits == prefixBits && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixBits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (java.net.UnknownHostException e) {
            return "?/" + prefixBits;
        }
    }
}
