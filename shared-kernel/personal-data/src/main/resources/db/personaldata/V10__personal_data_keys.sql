-- One encryption key per data subject, for crypto-shredding (module referrals-personal-data, PersonalDataVault).
-- The key is a Tink AEAD keyset encrypted ("wrapped") with the master key from icr.personal-data.master-key; it never
-- sits here in plain form. Erasing the subject sets wrapped_keyset to NULL and records erased_at: the subject's
-- personal data in the event store can no longer be decrypted, and no new key is ever created for them.
-- Created in the migrating schema (the command side: event_store); both applications find it through search_path.
CREATE TABLE data_subject_key (
    subject_id     UUID PRIMARY KEY,
    wrapped_keyset BYTEA NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    erased_at      TIMESTAMPTZ NULL,
    CONSTRAINT data_subject_key_erased_iff_no_key CHECK ((wrapped_keyset IS NULL) = (erased_at IS NOT NULL))
);

COMMENT ON TABLE data_subject_key IS
    'Per data subject encryption keys (wrapped by the master key); NULL key = erased (crypto-shredded).';
