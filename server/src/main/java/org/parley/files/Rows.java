package org.parley.files;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Nullable numbers from a result set, the same on both drivers (SQLite reports small integers as Integer). */
final class Rows {
    private Rows() {}

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
