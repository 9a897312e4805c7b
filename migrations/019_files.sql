-- 019: fields holding a stored file (FT_FILE, src/core/files.h). The column
-- keeps the file's reference as JSON text {"sha256","name","size","mime"};
-- the bytes live in the content-addressed store. A sample's site photo
-- replaces the typed list of hashes (samples.photos, no longer served);
-- an evidence item's file is uploaded instead of its hash being typed.
ALTER TABLE samples ADD COLUMN photo TEXT;
ALTER TABLE case_evidence ADD COLUMN file TEXT;
