-- The replay cache of a live MIKEY hop (protocol.store.ReplayCache), shared by every replica of a
-- service (issue 6: the KMS's only shared state). One schema for H2 and PostgreSQL. An entry is
-- the SHA-256 of the message's replay id (T || RAND || MAC) and its expiry in epoch milliseconds;
-- no key, no message content.

CREATE TABLE ddsec_replay (
  id          BYTEA  NOT NULL PRIMARY KEY,   -- 32 octets
  expires_at  BIGINT NOT NULL
);

CREATE INDEX ddsec_replay_expires ON ddsec_replay (expires_at);
