-- GBA HSS subscribers and BSF bootstrapping sessions (issue 4). One schema for H2 and
-- PostgreSQL: only types and statements both accept (VARCHAR, BIGINT, BYTEA, ON DELETE CASCADE).
-- Times are epoch milliseconds (BIGINT), so no time-zone conversion can shift an expiry.

CREATE TABLE gba_subscriber (
  impi   VARCHAR(255) NOT NULL PRIMARY KEY,
  k      BYTEA        NOT NULL,   -- 16 octets (TS 35.206)
  opc    BYTEA        NOT NULL,   -- 16 octets
  amf    BYTEA        NOT NULL,   -- 2 octets
  sqn    BIGINT       NOT NULL    -- SQN_HE = SEQ || IND (TS 33.102 Annex C), 48 bits
);

CREATE TABLE gba_subscriber_impu (
  impi   VARCHAR(255) NOT NULL REFERENCES gba_subscriber (impi) ON DELETE CASCADE,
  impu   VARCHAR(255) NOT NULL,
  PRIMARY KEY (impi, impu)
);

CREATE TABLE gba_bootstrap (
  btid        VARCHAR(512) NOT NULL PRIMARY KEY,  -- base64(RAND)@BSF host (TS 33.220 §4.5.2)
  impi        VARCHAR(255) NOT NULL REFERENCES gba_subscriber (impi) ON DELETE CASCADE,
  rand        BYTEA        NOT NULL,              -- 16 octets
  ks          BYTEA        NOT NULL,              -- CK || IK, 32 octets
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL
);

CREATE INDEX gba_bootstrap_expires ON gba_bootstrap (expires_at);
CREATE INDEX gba_bootstrap_impi ON gba_bootstrap (impi);
