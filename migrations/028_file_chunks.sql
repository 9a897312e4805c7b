-- 028: stored files live in the database (src/core/blobs.c), so that every
-- node serves them and every backup holds them. A file is its SHA-256: one
-- row in file_blobs (size, number of chunks), its bytes in file_chunks as
-- chunks of at most 1 MiB (no upload is one giant value). Identical files
-- are stored once. BYTEA is BLOB on SQLite (the driver rewrites the word).
CREATE TABLE IF NOT EXISTS file_blobs (
	sha256 TEXT PRIMARY KEY,
	size BIGINT NOT NULL,
	chunks INTEGER NOT NULL,
	stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS file_chunks (
	sha256 TEXT NOT NULL,
	n INTEGER NOT NULL,
	data BYTEA NOT NULL,
	PRIMARY KEY (sha256, n)
);
