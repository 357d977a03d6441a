-- The partnership indicators (the "basket of indicators" of docs/domain.md): what the partnership coordinator sees of
-- the whole partnership, as aggregated figures only (indicators.PartnershipIndicatorsRepository aggregates, and
-- indicators.SmallNumbers suppresses small counts before anything leaves the application).
--
-- One row per referral, filled by its own processing group partnership-indicators
-- (indicators.PartnershipIndicatorsProjection). It keeps everything the figures need here rather than reading
-- referral_summary: another group's table may lag behind this one or be in the middle of a replay, and the figures
-- must agree with this group's own token.
--
-- Categorical facts only: ids of agencies, vocabularies, months, times and yes/no. No case, no data subject, no
-- sealed part, no free text, not even the referral's facts as a whole: nothing here says who was referred.

CREATE TABLE partnership_indicator_referral (
    referral_id                    UUID          PRIMARY KEY,
    partnership_id                 VARCHAR(64)   NOT NULL,
    referral_type                  VARCHAR(64)   NOT NULL,
    referring_agency_id            VARCHAR(64)   NOT NULL,
    -- Where it is now: a redirect moves it, so a referral counts once, for the agency that has it.
    receiving_agency_id            VARCHAR(64)   NOT NULL,
    -- When the referral was really made: the start of its madeOn day (London) when it was recorded later, else when
    -- it was raised. The SLA counts from then, and so does the time to acknowledge.
    made_at                        TIMESTAMPTZ   NOT NULL,
    -- The first day of the month it was made in, in Europe/London: the month the figures file it under.
    made_month                     DATE          NOT NULL,
    -- The acknowledgement deadline in force: set on raise, moved by an answer to a question and by a redirect.
    acknowledge_by                 TIMESTAMPTZ   NOT NULL,
    -- The first acknowledgement (accepted, declined or returned with a question: each stops the SLA's clock) and
    -- whether it came by the deadline in force at that moment. Kept once; later ones do not move it.
    acknowledged_at                TIMESTAMPTZ,
    acknowledged_within_sla        BOOLEAN,
    -- The acknowledgement deadline passed unacknowledged (AcknowledgementOverdueEvent); stays set after acceptance.
    sla_breached                   BOOLEAN       NOT NULL DEFAULT false,
    -- One entry per decline, in order: a referral declined, redirected and declined again has two.
    decline_reasons                VARCHAR(64)[] NOT NULL DEFAULT '{}',
    -- The outcome's result in its type's vocabulary (EmploymentOutcomeKind, EsolOutcomeKind, MoveOnOutcomeKind);
    -- NULL until recorded, and for an out-of-school concern, whose outcome is its actions.
    outcome_kind                   VARCHAR(64),
    -- A job start's hours per week as a band (indicators.HoursBand), never the hours themselves.
    job_hours_band                 VARCHAR(32),
    -- The ESOL level assessed or of the course.
    esol_level                     VARCHAR(64),
    -- Refugee move-on: the last day of the move-on period, the needs the referral was for, and each need once, by
    -- when it was first recorded as met: on or before that day (in time), or after it (late).
    move_on_ends_on                DATE,
    move_on_needs                  VARCHAR(64)[],
    move_on_needs_met_in_time      VARCHAR(64)[] NOT NULL DEFAULT '{}',
    move_on_needs_met_late         VARCHAR(64)[] NOT NULL DEFAULT '{}',
    -- Out-of-school concerns: what the concern is about, and the actions its outcome records.
    concern_categories             VARCHAR(64)[],
    safeguarding_actions           VARCHAR(64)[],
    -- The sequence of the newest event of the referral applied here: an event at or below it changes nothing, so a
    -- redelivered event is applied once.
    last_event_sequence            BIGINT        NOT NULL
);

-- Every read is one partnership's months.
CREATE INDEX partnership_indicator_referral_by_month ON partnership_indicator_referral (partnership_id, made_month);

-- Row-level security (the convention of V2): the partnership coordinator of the row's partnership, and nobody else.
-- Agencies see their own referrals through referral_summary; here even their own rows are not theirs to read, so
-- that this table can never become a way round the agency scoping of the working views.
SELECT read_model.protect_read_model_table('read_model.partnership_indicator_referral');

CREATE POLICY partnership_indicator_referral_actor_reads ON read_model.partnership_indicator_referral
    AS PERMISSIVE FOR SELECT TO icr_query
    USING (
        partnership_id = read_model.actor_partnership_id()
        AND read_model.actor_has_role('partnership_coordinator')
    );
