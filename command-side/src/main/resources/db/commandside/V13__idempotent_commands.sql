-- Commands already handled under a client's Idempotency-Key, so a retried request creates nothing twice.
-- Written in the same transaction as the command's events. The fingerprint is a SHA-256 of the request.
CREATE TABLE idempotent_command (
    user_id             VARCHAR(64)  NOT NULL,
    idempotency_key     VARCHAR(128) NOT NULL,
    request_fingerprint VARCHAR(64)  NOT NULL,
    handled_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
