package dev.easel.io;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The tables one package keeps in the {@link Database}: its name, and its migrations, each taking the schema from
 * version i to i + 1 in one transaction.
 *
 * @param legacyVersion this schema's version in a database written before the packages owned their schemas, from
 *                      that database's single {@code user_version} (1 or more)
 */
public record Schema(String name, List<List<String>> migrations, IntUnaryOperator legacyVersion) {

    public Schema {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("a schema's name is lower-case letters: " + name);
        }
        migrations = List.copyOf(migrations);
    }

    /** The version this code writes: the number of migrations. */
    public int version() {
        return migrations.size();
    }

    /** A script's statements, split at semicolons (for scripts without triggers). */
    public static List<String> statements(String script) {
        return Arrays.stream(script.split(";")).filter(s -> !s.isBlank()).toList();
    }
}
