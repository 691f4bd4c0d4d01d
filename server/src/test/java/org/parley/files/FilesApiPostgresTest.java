package org.parley.files;

import org.parley.testkit.TestDatabase;

class FilesApiPostgresTest extends FilesApiContract {
    FilesApiPostgresTest() {
        super(TestDatabase.postgres());
    }
}
