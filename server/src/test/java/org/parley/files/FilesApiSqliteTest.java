package org.parley.files;

import org.parley.testkit.TestDatabase;

class FilesApiSqliteTest extends FilesApiContract {
    FilesApiSqliteTest() throws java.io.IOException {
        super(TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-files-")));
    }
}
