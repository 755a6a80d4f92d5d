-- Calendar invitations with the emails. Plain SQL that runs unchanged on H2 and PostgreSQL.

-- The SEQUENCE of the visit's calendar events: raised on every new date and on cancellation, so calendar
-- clients take the next invitation as an update of the event they already hold, not as a stale copy.
ALTER TABLE sl_visit ADD COLUMN calendar_sequence INTEGER DEFAULT 0 NOT NULL;

-- The iCalendar part sent with an email (method REQUEST or CANCEL), kept with the email so that a retry
-- sends exactly what was composed and staff can read it on the outbox page.
ALTER TABLE sl_email ADD COLUMN calendar_method VARCHAR(10);
ALTER TABLE sl_email ADD COLUMN calendar_ics VARCHAR(40000);
