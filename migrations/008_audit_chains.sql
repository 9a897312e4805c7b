-- 008: the audit log in one chain per jurisdiction, each record sealed with a
-- keyed MAC whose key is kept outside the database (DESIGN.md §6,
-- docs/security.md "Audit chain"). A record's place is (chain, seq): seq
-- counts 1, 2, 3 ... within its chain, so a deleted record leaves a gap.
-- prev_hash and hash now hold the previous record's MAC and this record's.
-- Records written before this migration have no chain; `zhijian init` seals
-- them into the chain 'legacy' when it applies this migration.
ALTER TABLE audit_log ADD COLUMN chain TEXT;
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
CREATE UNIQUE INDEX IF NOT EXISTS audit_chain_seq ON audit_log(chain, seq);

-- One row per chain: its length and the MAC of its last record. An append
-- locks only its own chain's row (writers in other districts never wait);
-- verification compares each chain against it and against the checkpoints.
CREATE TABLE IF NOT EXISTS audit_chain_heads (
  chain TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  mac TEXT NOT NULL
);
