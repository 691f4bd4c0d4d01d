package org.parley.search;

import org.parley.testkit.TestDatabase;

class SearchApiPostgresTest extends SearchApiContract {
    SearchApiPostgresTest() {
        super(TestDatabase.postgres());
    }
}
