-- "Was it put into practice?" Some months after the summary meeting the host is asked what of the practice the
-- visit planned was introduced, and with what effect. Plain SQL that runs unchanged on H2 and PostgreSQL.
--
-- One row per visit, written when the visit closes (due_at: when the host is asked; answer_by: when the question
-- closes unanswered) and completed by the answer: introduced is YES, PARTLY or NO; the free text (what was
-- introduced, its effect, obstacles) is the host's. unanswered_at is set when the question closed without an answer.
-- erased_at marks free text blanked by the retention job or on request; introduced, the dates and the row stay
-- (the report's measure "learning put into practice" counts them).
CREATE TABLE sl_practice_follow_up (
    visit_id            BIGINT PRIMARY KEY REFERENCES sl_visit (id),
    due_at              TIMESTAMP      NOT NULL,
    answer_by           TIMESTAMP      NOT NULL,
    introduced          VARCHAR(10),
    what_was_introduced VARCHAR(4000),
    effect              VARCHAR(4000),
    obstacles           VARCHAR(4000),
    answered_by         VARCHAR(100),
    answered_at         TIMESTAMP,
    unanswered_at       TIMESTAMP,
    erased_at           TIMESTAMP,
    CONSTRAINT ck_practice_follow_up_introduced CHECK (introduced IN ('YES', 'PARTLY', 'NO'))
);
CREATE INDEX ix_practice_follow_up_answered_by ON sl_practice_follow_up (answered_by);
