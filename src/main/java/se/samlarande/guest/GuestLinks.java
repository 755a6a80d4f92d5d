package se.samlarande.guest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.notification.GuestLinkIssuer;
import se.samlarande.notification.GuestLinkSlot;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * Personal links: {@code <public base URL>/g/<token>}, the token 256 random bits in base64url. Only its SHA-256
 * is stored, bound to one visit, one guest and one purpose, with an expiry (the visit's last day plus a grace
 * period). Links are issued by the outbox when it hands an email to the mail server (stored emails hold only a
 * {@link GuestLinkSlot}) and, on the embedded default, by the outbox page's button; each in a transaction of its
 * own, committed before the email leaves, so a link that went out always exists whatever happens to the job that
 * sent it.
 */
@Service
public class GuestLinks implements GuestLinkIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final VisitService visits;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String baseUrl;
    private final Period validAfterVisit;
    private final java.time.Duration minValidity;
    private final ZoneId zone;

    GuestLinks(JdbcClient jdbc, VisitService visits, PlatformTransactionManager transactions, Clock clock,
            @Value("${samlarande.public-base-url}") String baseUrl,
            @Value("${samlarande.guest.links-valid-after-visit:P30D}") Period validAfterVisit,
            @Value("${samlarande.guest.min-link-validity:P14D}") java.time.Duration minValidity,
            @Value("${samlarande.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.visits = visits;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.validAfterVisit = validAfterVisit;
        this.minValidity = minValidity;
        this.zone = zone;
    }

    /** What a valid or expired token gives access to. */
    public record Access(long tokenId, long visitId, long participantId, Purpose purpose, Instant expiresAt,
            boolean expired) {
    }

    /** Valid until the visit's last day plus the grace period, and at least {@code samlarande.guest.min-link-validity}. */
    @Override
    public String issue(long visitId, long participantId, Purpose purpose) {
        Visit visit = visits.get(visitId);
        Instant afterVisit = visit.dateTo().plus(validAfterVisit).plusDays(1).atStartOfDay(zone).toInstant();
        Instant minimum = clock.instant().plus(minValidity);
        return issue(visitId, participantId, purpose, afterVisit.isAfter(minimum) ? afterVisit : minimum);
    }

    String issue(long visitId, long participantId, Purpose purpose, Instant expiresAt) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                INSERT INTO sl_access_token (token_hash, visit_id, participant_id, purpose, expires_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(hash(token), visitId, participantId, purpose.name(), Timestamp.from(expiresAt),
                        Timestamp.from(clock.instant()))
                .update());
        return baseUrl + "/g/" + token;
    }

    /** The access a token gives; empty for a token that was never issued (or was tampered with). */
    public Optional<Access> resolve(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("SELECT id, visit_id, participant_id, purpose, expires_at FROM sl_access_token WHERE token_hash = ?")
                .param(hash(token))
                .query((rs, n) -> {
                    Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
                    return new Access(rs.getLong("id"), rs.getLong("visit_id"), rs.getLong("participant_id"),
                            Purpose.valueOf(rs.getString("purpose")), expiresAt, !now.isBefore(expiresAt));
                })
                .optional();
    }

    @Override
    public Optional<GuestLinkSlot> slotOf(String token) {
        return resolve(token).map(access -> new GuestLinkSlot(access.purpose(), access.participantId()));
    }

    void markUsed(long tokenId) {
        jdbc.sql("UPDATE sl_access_token SET last_used_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), tokenId).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
