package dev.easel.jobs;

import dev.easel.api.OkHttpRunpodClient;
import dev.easel.api.RunPolicy;
import dev.easel.api.RunpodConfig;
import dev.easel.io.Database;
import dev.easel.testing.Databases;
import dev.easel.testing.Fixtures;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's error and note are journaled as a key and its arguments beside their words, so the window says them from
 * the bundle after a restart; a row from before (words only), one naming a key this version lacks, or one with
 * damaged JSON is shown by its words.
 */
class JournaledSentencesIT {

    @TempDir
    Path dir;
    private Database db;
    private JobJournal journal;
    private final Instant now = Instant.parse("2026-12-02T08:00:00Z");

    @BeforeEach
    void open() throws SQLException {
        db = Databases.open(dir.resolve("easel.db"));
        journal = new JobJournal(db);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private Job ended(Text error, Text note) throws SQLException {
        JobSpec spec = new JobSpec(Fixtures.tutorialInput(), null, Map.of(), "flux1-dev-fp8",
                RunPolicy.DEFAULT);
        Job j;
        try (var client = new OkHttpRunpodClient(RunpodConfig.of(URI.create("http://127.0.0.1:9"), "demo", "k"))) {
            j = journal.insert(spec, new JobEndpoint("Demo", client, 0, true), now); // nothing is sent
        }
        Job end = JobStateMachine.ended(j, JobPhase.FAILED, now, error, "detail", note, true).withVersion(j.version() + 1);
        assertThat(journal.update(end)).isTrue();
        return end;
    }

    private String column(long id, String name) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + name + " FROM jobs WHERE id=?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private void set(long id, String name, String value) throws SQLException {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET " + name + "=? WHERE id=?")) {
                s.setString(1, value);
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
    }

    @Test
    void aSentenceComesBackAsItsKeyAndArgumentsNestedAndTyped() throws SQLException {
        Text error = Text.of("jobs.poll.gaveUp", 30L, Text.of("api.net.timeout", "api.runpod.ai", "15 s"));
        Text note = Text.of("jobs.save.someIdentical", 3, 2, 1).then(Text.literal("the worker's {own} words"));
        Job j = ended(error, note);

        Job back = journal.get(j.id()).job();
        assertThat(back.error()).isEqualTo(error);
        assertThat(back.note()).isEqualTo(Text.of("jobs.save.someIdentical", 3L, 2L, 1L)
                .then(Text.literal("the worker's {own} words")));
        assertThat(Messages.get(back.note())).isEqualTo("3 images, 2 of them identical: kept 1. the worker's {own} words");
        // the words are kept beside, for someone reading the file
        assertThat(column(j.id(), "error")).isEqualTo(Messages.get(error))
                .startsWith("Easel could not reach Runpod about this job for 30 minutes (last: api.runpod.ai did not");
        assertThat(column(j.id(), "error_text")).contains("\"key\":\"jobs.poll.gaveUp\"");
    }

    @Test
    void aRowFromBeforeOrFromAnotherVersionIsShownByItsWords() throws SQLException {
        Job j = ended(Text.of("jobs.failed"), null);

        set(j.id(), "error_text", null); // written before the journal kept keys
        set(j.id(), "error", "Runpod had a server error (HTTP 502).");
        assertThat(journal.get(j.id()).job().error()).isEqualTo(Text.literal("Runpod had a server error (HTTP 502)."));

        set(j.id(), "error_text", "{\"key\":\"jobs.aKeyOfALaterVersion\",\"args\":[]}");
        assertThat(journal.get(j.id()).job().error().isLiteral()).isTrue();

        set(j.id(), "error_text", "{\"key\":\"jobs.retry.last\",\"args\":[{\"key\":\"jobs.gone\",\"args\":[]}]}");
        assertThat(Messages.get(journal.get(j.id()).job().error())).isEqualTo("Runpod had a server error (HTTP 502).");

        set(j.id(), "error_text", "{\"key\":\"jobs.failed\",\"args\":[");
        assertThat(Messages.get(journal.get(j.id()).job().error())).isEqualTo("Runpod had a server error (HTTP 502).");

        set(j.id(), "error_text", null);
        set(j.id(), "error", null);
        assertThat(journal.get(j.id()).job().error()).isNull();
        assertThat(journal.get(j.id()).job().note()).isNull();
    }
}
