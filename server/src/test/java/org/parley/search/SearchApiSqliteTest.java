package org.parley.search;

import org.parley.testkit.TestDatabase;

class SearchApiSqliteTest extends SearchApiContract {
    SearchApiSqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-search-")));
    }
}
