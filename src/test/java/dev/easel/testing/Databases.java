package dev.easel.testing;

import dev.easel.io.Database;
import dev.easel.jobs.JobsSchema;
import dev.easel.library.LibrarySchema;

import java.nio.file.Path;
import java.sql.SQLException;

/** The app's database as the app opens it: the journal's and the library's tables. */
public final class Databases {

    private Databases() {
    }

    public static Database open(Path file) throws SQLException {
        return Database.open(file, JobsSchema.SCHEMA, LibrarySchema.SCHEMA);
    }
}
