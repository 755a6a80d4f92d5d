-- Data protection: retention, anonymisation and erasure on request. Plain SQL that runs unchanged on H2 and PostgreSQL.

-- When a visit was cancelled: retention is counted from a visit's close or cancellation. Visits cancelled before
-- this column existed count from the migration (later than the real cancellation, so nothing goes early).
ALTER TABLE sl_visit ADD COLUMN cancelled_at TIMESTAMP;
UPDATE sl_visit SET cancelled_at = CURRENT_TIMESTAMP WHERE state = 'CANCELLED';

-- Rows whose personal data has been replaced or blanked stay (the result measures count them), marked with when.
ALTER TABLE sl_participant ADD COLUMN anonymised_at TIMESTAMP;
ALTER TABLE sl_intake ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE sl_evaluation ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE sl_blog_post ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE sl_blog_comment ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE sl_email ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE sl_visit_request ADD COLUMN anonymised_at TIMESTAMP;

-- Which kind of record (CONTACT_DATA, INTAKE, EVALUATIONS, BLOG, EMAILS, REQUESTS) the retention job has
-- anonymised for which visit, and when: a visit is done once per kind, whichever node runs the job.
CREATE TABLE sl_retention_applied (
    visit_id   BIGINT       NOT NULL REFERENCES sl_visit (id),
    kind       VARCHAR(20)  NOT NULL,
    applied_at TIMESTAMP    NOT NULL,
    CONSTRAINT pk_retention_applied PRIMARY KEY (visit_id, kind)
);
