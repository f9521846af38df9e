package dev.easel.jobs;

import dev.easel.io.Schema;

import java.util.List;

/** The job journal's table: one row per job, every change of it journaled (see {@link JobJournal}). */
public final class JobsSchema {

    /**
     * Versions 1 to 7. A database from before the packages owned their schemas had the jobs table at 1 from its
     * version 1, at 2 from its version 5 and at 3 from its version 6.
     */
    public static final Schema SCHEMA = new Schema("jobs", List.of(Schema.statements("""
            CREATE TABLE jobs (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              runpod_id TEXT,
              endpoint TEXT NOT NULL,
              endpoint_id TEXT NOT NULL,
              state TEXT NOT NULL,
              input TEXT NOT NULL,
              params TEXT NOT NULL,
              template TEXT,
              ui_graph TEXT,
              seed INTEGER,
              created INTEGER NOT NULL,
              submitted INTEGER,
              finished INTEGER,
              delay_ms INTEGER,
              exec_ms INTEGER,
              error TEXT,
              error_detail TEXT,
              price_per_second REAL NOT NULL DEFAULT 0,
              cleared INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX jobs_state ON jobs(state)
            """),
            // version 2: the job state machine journals every change: a version that only grows, the note, the
            // files, whether a retry can fetch the kept result, a cancel still being asked for, the job it retries
            List.of("ALTER TABLE jobs ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN note TEXT",
                    "ALTER TABLE jobs ADD COLUMN files TEXT",
                    "ALTER TABLE jobs ADD COLUMN started INTEGER",
                    "ALTER TABLE jobs ADD COLUMN result_kept INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE jobs ADD COLUMN retry_of INTEGER",
                    "CREATE INDEX jobs_runpod_id ON jobs(runpod_id)"),
            // version 3: the file a job's graph was imported from, for its pictures' metadata
            List.of("ALTER TABLE jobs ADD COLUMN imported_from TEXT"),
            // version 4: the error and the note as a key of the bundle and its arguments (JSON), beside their words
            List.of("ALTER TABLE jobs ADD COLUMN error_text TEXT",
                    "ALTER TABLE jobs ADD COLUMN note_text TEXT"),
            // version 5: the request's low priority (start no worker for it), so a job resumed after a restart keeps it
            List.of("ALTER TABLE jobs ADD COLUMN low_priority INTEGER NOT NULL DEFAULT 0"),
            // version 6: sweeps (grids of jobs over up to three axes) and which job is each of their cells; a job may
            // be a cell of several (a sweep extended or re-run keeps the cells it already has)
            List.of("""
                    CREATE TABLE sweeps (
                      id TEXT PRIMARY KEY,
                      endpoint_id TEXT NOT NULL,
                      title TEXT NOT NULL,
                      axes TEXT NOT NULL,
                      base TEXT,
                      created INTEGER NOT NULL,
                      grid TEXT,
                      grid_image INTEGER,
                      ended INTEGER
                    )""",
                    """
                    CREATE TABLE sweep_cells (
                      sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
                      cell INTEGER NOT NULL,
                      job_id INTEGER NOT NULL,
                      PRIMARY KEY (sweep_id, cell)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX sweep_cells_job ON sweep_cells(job_id)"),
            // version 7: the other endpoints a sweep shares its cells with (a JSON array of endpoint ids), so after a
            // restart its unsent cells are routed again and its helper endpoints' queues are started
            List.of("ALTER TABLE sweeps ADD COLUMN shared_with TEXT")),
            legacy -> legacy >= 6 ? 3 : legacy == 5 ? 2 : 1);

    private JobsSchema() {
    }
}
