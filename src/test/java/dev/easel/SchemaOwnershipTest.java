package dev.easel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each package owns its tables: only its own code names them in SQL. */
class SchemaOwnershipTest {

    private static final Path MAIN = Path.of("src/main/java/dev/easel");
    /** A table, and the package whose code alone may name it in SQL. */
    private static final Map<String, String> OWNERS = Map.of("jobs", "jobs", "sweeps", "jobs",
            "sweep_cells", "jobs", "images", "library",
            "images_fts", "library", "tags", "library");

    @Test
    void onlyTheOwningPackageNamesATableInSql() throws IOException {
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                String text = Files.readString(f);
                OWNERS.forEach((table, owner) -> {
                    Pattern sql = Pattern.compile("\\b(FROM|INTO|UPDATE|JOIN|TABLE)\\s+" + table + "\\b");
                    if (sql.matcher(text).find() && !pkg.equals(owner)) {
                        strays.add(MAIN.relativize(f) + " names the " + owner + " package's table " + table);
                    }
                });
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void theRuleSeesTheOwnersOwnSql() throws IOException {
        assertThat(Files.readString(MAIN.resolve("jobs/JobJournal.java"))).containsPattern("FROM jobs\\b");
        assertThat(Files.readString(MAIN.resolve("library/Library.java"))).containsPattern("FROM images\\b");
    }
}
