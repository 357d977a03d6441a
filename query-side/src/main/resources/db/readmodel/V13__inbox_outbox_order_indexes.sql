-- The inbox and outbox as the lists ask for them by default: one agency's referrals, newest first, ties broken by id
-- (ReferralSummaryRepository#page: ORDER BY raised_at DESC NULLS LAST, referral_id DESC). V1's indexes were
-- (agency, raised_at DESC), which is NULLS FIRST and has no id: PostgreSQL could not read a page off them in order.
-- These match the order exactly, and include the other columns that referral_summary's row-level security policy and
-- the repository's own scoping read (partnership, the other agency, the type), so that the count beside a page is an
-- index-only scan of the agency's entries rather than a visit to each of its rows. They replace V1's two.
CREATE INDEX referral_summary_inbox_newest_first
    ON referral_summary (receiving_agency_id, raised_at DESC NULLS LAST, referral_id DESC)
    INCLUDE (partnership_id, referring_agency_id, referral_type);
CREATE INDEX referral_summary_outbox_newest_first
    ON referral_summary (referring_agency_id, raised_at DESC NULLS LAST, referral_id DESC)
    INCLUDE (partnership_id, receiving_agency_id, referral_type);
DROP INDEX referral_summary_inbox;
DROP INDEX referral_summary_outbox;
