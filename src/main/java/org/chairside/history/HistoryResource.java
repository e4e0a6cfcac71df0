package org.chairside.history;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.chairside.audit.RecordClock;
import org.chairside.patient.Contains;
import org.chairside.problem.ProblemException;
import org.chairside.problem.QueryNumber;
import org.chairside.problem.Violation;
import org.chairside.session.InfusionSession;
import org.chairside.session.SessionState;

/**
 * Past sessions for review, searched and paginated on the server. Any logged-in user reads.
 */
@Path("/api/history")
@Authenticated
public class HistoryResource {
    static final int MAX_SIZE = 100;
    /** How far ahead of this instance's clock another instance's first page may have been answered. */
    private static final Duration AS_OF_CLOCK_SKEW = Duration.ofMinutes(1);
    /** Outcomes are named in the queries as enum literals: they come from this fixed list, never from the request. */
    private static final String STATE = SessionState.class.getName() + ".";

    private final HistoryService history;

    public HistoryResource(HistoryService history) {
        this.history = history;
    }

    /**
     * Sessions newest first. {@code q}: part of the patient's name or MRN; {@code from}/{@code to}: dates
     * (inclusive, in the zone {@code tz}, default the server's) or instants, on the session's check-in time;
     * {@code outcome}: DISCHARGED, STOPPED, CLOSED (both, the default), OPEN, or ANY. {@code asOf}: the instant a
     * first page answered with; the later pages of that search then list the sessions that matched at that instant,
     * so that a session closing meanwhile neither shows twice nor pushes one off the pages being read.
     */
    @GET
    @Path("/sessions")
    @Transactional
    public SessionPage search(@QueryParam("q") String q, @QueryParam("reclinerId") String reclinerParam,
                              @QueryParam("patientId") String patientParam,
                              @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz,
                              @QueryParam("outcome") String outcome,
                              @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam,
                              @QueryParam("asOf") String asOfParam) {
        List<Violation> violations = new ArrayList<>();
        Long reclinerId = QueryNumber.parse("reclinerId", reclinerParam, violations);
        Long patientId = QueryNumber.parse("patientId", patientParam, violations);
        Long page = QueryNumber.parse("page", pageParam, violations);
        Long size = QueryNumber.parse("size", sizeParam, violations);
        ZoneId zone = zone(tz, violations);
        Instant now = RecordClock.now();
        Instant asOf = asOf(asOfParam, now, violations);
        Instant fromAt = bound("from", from, zone, false, violations);
        Instant toAt = bound("to", to, zone, true, violations);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            violations.add(new Violation("to", "must be on or after from"));
        }
        if (page != null && (page < 0 || page > 1_000_000)) {
            violations.add(new Violation("page", "must be from 0 to 1000000 (pages count from 0)"));
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            violations.add(new Violation("size", "must be from 1 to " + MAX_SIZE));
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        // The outcome's condition for the count and for the page. H2 plans each query by the index its conditions can
        // use. Counting does well with one: the unique index's null entries count the closed sessions (25-65 ms over
        // 100,000), the state index the discharged ones. The page does not: given such a condition H2 read every
        // closed or discharged session and sorted them all to return the newest 20 (370-530 ms), where given
        // conditions no index serves, it reads the check-in index from its newest end and stops after the page
        // (3-35 ms). A closed session has a closing time (set with open_recliner_id to null), and is discharged or
        // stopped.
        String forCount = "";
        String forPage = "";
        String o = outcome == null || outcome.isBlank() ? "CLOSED" : outcome.trim().toUpperCase();
        switch (o) {
            case "CLOSED" -> {
                forCount = " and openReclinerId is null" + (asOf != null ? " and closedAt <= :asOf" : "");
                forPage = asOf != null ? " and closedAt <= :asOf" : " and closedAt is not null";
            }
            case "OPEN" -> where.append(asOf != null ? " and createdAt <= :asOf and (closedAt is null or closedAt > :asOf)"
                    : " and " + InfusionSession.OPEN);
            case "ANY" -> {
                if (asOf != null) {
                    where.append(" and createdAt <= :asOf");
                }
            }
            case "DISCHARGED", "STOPPED" -> {
                String closedBy = asOf != null ? " and closedAt <= :asOf" : "";
                forCount = " and state = " + STATE + o + closedBy;
                forPage = " and " + InfusionSession.closedInStateNewestFirst(SessionState.valueOf(o)) + closedBy;
            }
            default -> violations.add(new Violation("outcome", "must be DISCHARGED, STOPPED, CLOSED, OPEN or ANY"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (asOf != null) {
            p.and("asOf", asOf);
        }
        int pageIndex = page == null ? 0 : page.intValue();
        int pageSize = size == null ? 20 : size.intValue();
        if (q != null && !q.isBlank()) {
            // Patients first: a substring match cannot use an index, so it scans the small patient table once, and the
            // sessions of the matches are found through the patient_id index instead of joining every past session.
            String like = " like :q" + Contains.ESCAPE;
            where.append(" and patient.id in (select p.id from Patient p where lower(p.mrn)" + like + " or lower(p.givenName)" + like
                    + " or lower(p.familyName)" + like + " or lower(concat(p.givenName, ' ', p.familyName))" + like
                    + " or lower(concat(p.familyName, ', ', p.givenName))" + like + ")");
            p.and("q", Contains.pattern(q));
        }
        if (reclinerId != null) {
            where.append(" and recliner.id = :recliner");
            p.and("recliner", reclinerId);
        }
        if (patientId != null) {
            where.append(" and patient.id = :patient");
            p.and("patient", patientId);
        }
        if (fromAt != null) {
            where.append(" and createdAt >= :from");
            p.and("from", fromAt);
        }
        if (toAt != null) {
            where.append(" and createdAt < :to");
            p.and("to", toAt);
        }
        long total = InfusionSession.count(where + forCount, p);
        PanacheQuery<InfusionSession> query = InfusionSession.find(where + forPage,
                Sort.descending("createdAt").and("id", Sort.Direction.Descending), p);
        List<InfusionSession> rows = query.page(Page.of(pageIndex, pageSize)).list();
        int pages = (int) ((total + pageSize - 1) / pageSize);
        return new SessionPage(history.summarize(rows), pageIndex, pageSize, total, pages, asOf != null ? asOf : now);
    }

    private static ZoneId zone(String tz, List<Violation> violations) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            violations.add(new Violation("tz", "must be a time zone such as Europe/Berlin or UTC"));
            return ZoneId.systemDefault();
        }
    }

    /** The instant a search's pages are read as of; null when not given (a first page, read as of now). */
    private static Instant asOf(String value, Instant now, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant at = RecordClock.of(Instant.parse(value.trim()));
            // Behind a load balancer the first page and the next come from different instances, whose clocks may
            // differ a little: only an instant no first page could have given is refused.
            if (at.isAfter(now.plus(AS_OF_CLOCK_SKEW))) {
                violations.add(new Violation("asOf", "must not be later than now (it is the asOf a first page answered with)"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("asOf", "must be an instant (2025-03-31T14:00:00.123456Z), the asOf a first page answered with"));
            return null;
        }
    }

    /** A date means its whole day: "from" its start, "to" the start of the next day (exclusive). */
    private static Instant bound(String field, String value, ZoneId zone, boolean end, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "must be a date (2025-03-31) or an instant (2025-03-31T14:00:00Z)"));
            return null;
        }
    }
}
