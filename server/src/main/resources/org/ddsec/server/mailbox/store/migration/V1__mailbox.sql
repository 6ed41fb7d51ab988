-- The mailbox's deposits (issue 6): the security parameters of each stored message
-- (protocol.kmsdd.DepositParameters: msg-id, ID-A, ID-B, A's TRANSFER_INIT, the token Ekms(Ka)),
-- when it arrived, and a summary of its media (the SRTP capture itself is a file beside the
-- database, see server.mailbox.media). One schema for H2 and PostgreSQL; nothing here is secret.
-- A row exists only for a complete message: it is inserted after the media files were committed.

CREATE TABLE mailbox_message (
  seq               BIGINT GENERATED ALWAYS AS IDENTITY,  -- arrival order, for "oldest first"
  msg_id            BYTEA         NOT NULL PRIMARY KEY,   -- 16 octets (profile-kms-dd.md)
  id_a              VARCHAR(1024) NOT NULL,               -- originator, as the KMS vouched for it
  id_b              VARCHAR(1024) NOT NULL,               -- recipient (an IMPU)
  transfer_init     BYTEA         NOT NULL,
  token             BYTEA         NOT NULL,
  deposited_at      BIGINT        NOT NULL,               -- epoch milliseconds
  media_id          VARCHAR(128),                         -- FileStoredMessageStore id, or NULL
  packets           BIGINT,
  first_arrival_us  BIGINT,
  last_arrival_us   BIGINT
);

CREATE INDEX mailbox_message_recipient ON mailbox_message (id_b, seq);
