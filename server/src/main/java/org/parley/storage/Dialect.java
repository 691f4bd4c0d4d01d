package org.parley.storage;

/** The SQL databases Parley runs on. Stores branch on this only where the SQL must differ. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRES("postgres");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public String migrationLocation() {
        return "classpath:db/" + migrationFolder;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRES;
        throw new IllegalArgumentException("Unsupported database URL: " + jdbcUrl);
    }
}
