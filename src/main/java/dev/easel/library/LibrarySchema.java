package dev.easel.library;

import dev.easel.io.Schema;

import java.util.List;

/**
 * The image index's tables: one row per picture, full-text search over prompts, tags. A picture's job is the
 * journal's id, kept without a foreign key: the library does not know the journal's table.
 */
public final class LibrarySchema {

    /** Versions 1 to 4, numbered as a database from before the packages owned their schemas numbered them. */
    public static final Schema SCHEMA = new Schema("library", List.of(Schema.statements("""
            CREATE TABLE images (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              job_id INTEGER,
              path TEXT NOT NULL UNIQUE,
              width INTEGER NOT NULL,
              height INTEGER NOT NULL,
              bytes INTEGER NOT NULL,
              prompt TEXT NOT NULL DEFAULT '',
              negative TEXT NOT NULL DEFAULT '',
              seed INTEGER,
              params TEXT NOT NULL DEFAULT '{}',
              template TEXT,
              endpoint TEXT,
              runpod_id TEXT,
              delay_ms INTEGER,
              exec_ms INTEGER,
              cost REAL,
              created INTEGER NOT NULL,
              favourite INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX images_created ON images(created DESC)
            """),
            // version 2: full-text search over prompts, kept in step by triggers
            List.of("CREATE VIRTUAL TABLE images_fts USING fts5(prompt, negative, content='images', content_rowid='id')",
                    "INSERT INTO images_fts(rowid, prompt, negative) SELECT id, prompt, negative FROM images",
                    """
                    CREATE TRIGGER images_ai AFTER INSERT ON images BEGIN
                      INSERT INTO images_fts(rowid, prompt, negative) VALUES (new.id, new.prompt, new.negative);
                    END""",
                    """
                    CREATE TRIGGER images_ad AFTER DELETE ON images BEGIN
                      INSERT INTO images_fts(images_fts, rowid, prompt, negative)
                        VALUES ('delete', old.id, old.prompt, old.negative);
                    END""",
                    """
                    CREATE TRIGGER images_au AFTER UPDATE OF prompt, negative ON images BEGIN
                      INSERT INTO images_fts(images_fts, rowid, prompt, negative)
                        VALUES ('delete', old.id, old.prompt, old.negative);
                      INSERT INTO images_fts(rowid, prompt, negative) VALUES (new.id, new.prompt, new.negative);
                    END"""),
            // version 3: the hash of the bytes as received, so a job saved again after a crash is not saved twice
            List.of("ALTER TABLE images ADD COLUMN source_sha256 TEXT",
                    "CREATE INDEX images_job_source ON images(job_id, source_sha256)"),
            // version 4: files gone from disk are marked, not dropped; tags; indexes for the gallery's filters
            List.of("ALTER TABLE images ADD COLUMN missing INTEGER NOT NULL DEFAULT 0",
                    """
                    CREATE TABLE tags (
                      image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                      tag TEXT NOT NULL COLLATE NOCASE,
                      PRIMARY KEY (image_id, tag)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX tags_tag ON tags(tag)",
                    "CREATE INDEX images_favourite ON images(favourite, created DESC)",
                    "CREATE INDEX images_prompt ON images(prompt COLLATE NOCASE)",
                    "CREATE INDEX images_seed ON images(seed)"),
            // version 5: a grid picture names the sweep whose cells it shows, so the gallery can open it as a grid
            List.of("ALTER TABLE images ADD COLUMN sweep TEXT")),
            legacy -> Math.min(legacy, 4));

    private LibrarySchema() {
    }
}
