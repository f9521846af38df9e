package dev.easel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No main source file over 400 lines, and App the lifecycle shell it is: past that, a class does too much. */
class ClassSizeTest {

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noMainClassIsOver400Lines() throws IOException {
        List<String> big;
        try (Stream<Path> files = Files.walk(MAIN)) {
            big = files.filter(p -> p.toString().endsWith(".java")).filter(p -> lines(p) > 400)
                    .map(p -> MAIN.relativize(p) + " has " + lines(p) + " lines").toList();
        }
        assertThat(big).isEmpty();
    }

    @Test
    void appIsTheLifecycleShell() {
        assertThat(lines(MAIN.resolve("dev/easel/App.java"))).isLessThanOrEqualTo(150);
    }

    private static long lines(Path p) {
        try (Stream<String> l = Files.lines(p)) {
            return l.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
