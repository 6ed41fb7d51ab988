-- IBAKE-DD deposits (issue 7): what the mailbox stores of each MIKEY-IBAKE deferred message
-- (protocol.ibakedd.StoredMessage: msg-id, ID-A as the mailbox authenticated it in the exchange,
-- ID-B, A's I_MESSAGE_2 exactly as received, which carries the ESK E_B(ID-A, SK) and, in the
-- signed profile, A's ECCSI signature over it), when it arrived, and the same media summary as
-- mailbox_message (the SRTP capture is a file beside the database). Nothing here is secret.
-- A row exists only for a complete message: it is inserted after the media files were committed.

CREATE TABLE ibake_message (
  seq               BIGINT GENERATED ALWAYS AS IDENTITY,  -- arrival order, for "oldest first"
  msg_id            BYTEA         NOT NULL PRIMARY KEY,   -- 16 octets: SHA-256(ESK Encr data) (profile-ibake-dd.md)
  id_a              VARCHAR(1024) NOT NULL,
  id_b              VARCHAR(1024) NOT NULL,
  i_message_2       BYTEA         NOT NULL,
  deposited_at      BIGINT        NOT NULL,               -- epoch milliseconds
  media_id          VARCHAR(128),                         -- FileStoredMessageStore id, or NULL
  packets           BIGINT,
  first_arrival_us  BIGINT,
  last_arrival_us   BIGINT
);

CREATE INDEX ibake_message_recipient ON ibake_message (id_b, seq);
