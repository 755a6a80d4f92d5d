package se.samlarande.visit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Requests for visits from outside: stored, handed to a coordinator, and answered. */
@Service
public class VisitRequests {

    private static final Logger log = LoggerFactory.getLogger(VisitRequests.class);

    private final JdbcClient jdbc;
    private final VisitRequestListener listener;
    private final Clock clock;

    VisitRequests(JdbcClient jdbc, VisitRequestListener listener, Clock clock) {
        this.jdbc = jdbc;
        this.listener = listener;
        this.clock = clock;
    }

    /** What the request page collected, already validated against its form. */
    public record Submission(String organisation, PartnerLevel partnerLevel, String contactName, String contactEmail,
            Language contactLanguage, String hostUnitWish, String whatToSee, String preferredPeriods, Integer groupSize) {
    }

    /** Stores the request and starts its assessment, in one transaction. */
    @Transactional
    public VisitRequest submit(Submission s) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_visit_request (organisation, partner_level, contact_name, contact_email, contact_language,
                                              host_unit_wish, what_to_see, preferred_periods, group_size, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.organisation().strip(), s.partnerLevel().name(), s.contactName().strip(),
                        VisitService.normaliseEmail(s.contactEmail()), s.contactLanguage().name(), s.hostUnitWish().strip(),
                        s.whatToSee().strip(), s.preferredPeriods().strip(), s.groupSize(), VisitRequest.State.NEW.name(),
                        Timestamp.from(clock.instant()))
                .update(keys, "id");
        VisitRequest request = get(keys.getKey().longValue());
        listener.requested(request);
        log.info("Visit request {} from {} ({})", request.reference(), request.organisation(), request.partnerLevel());
        return request;
    }

    public VisitRequest get(long id) {
        return find(id).orElseThrow(() -> new InvalidVisitException("Okänd förfrågan: " + id));
    }

    public Optional<VisitRequest> find(long id) {
        return jdbc.sql("""
                SELECT id, organisation, partner_level, contact_name, contact_email, contact_language, host_unit_wish,
                       what_to_see, preferred_periods, group_size, state, answer, visit_id, created_at
                FROM sl_visit_request WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new VisitRequest(rs.getLong("id"), rs.getString("organisation"),
                        PartnerLevel.valueOf(rs.getString("partner_level")), rs.getString("contact_name"),
                        rs.getString("contact_email"), Language.valueOf(rs.getString("contact_language")),
                        rs.getString("host_unit_wish"), rs.getString("what_to_see"), rs.getString("preferred_periods"),
                        (Integer) rs.getObject("group_size", Integer.class), VisitRequest.State.valueOf(rs.getString("state")),
                        rs.getString("answer"), (Long) rs.getObject("visit_id", Long.class),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    @Transactional
    public void answer(long id, VisitRequest.State state, String answer) {
        jdbc.sql("UPDATE sl_visit_request SET state = ?, answer = ? WHERE id = ?").params(state.name(), answer, id).update();
    }

    @Transactional
    public void accepted(long id, long visitId) {
        jdbc.sql("UPDATE sl_visit_request SET state = ?, visit_id = ? WHERE id = ?")
                .params(VisitRequest.State.ACCEPTED.name(), visitId, id).update();
    }
}
