package org.chairside.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.chairside.problem.ProblemException;
import org.chairside.problem.QueryNumber;
import org.chairside.problem.Violation;
import org.chairside.security.Roles;

/**
 * The audit trail, newest first, for admins: who created, disabled or re-roled a user, changed the clinic's or a
 * session's thresholds, added a recliner, cleared a start over the limit, corrected a patient's details. Clinical
 * values are not here: readings and their amendments carry their own authors.
 */
@Path("/api/audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {
    static final int MAX_SIZE = 200;
    /** What is audited; a filter on anything else is a typo that would otherwise find nothing. */
    static final Set<String> ENTITIES = Set.of("user", "recliner", "thresholds", "session", "patient");

    /** {@code subject}: what the entity is called now (a username, a recliner's name, a patient), where it has a name. */
    public record Entry(Long id, Instant at, String actor, String action, String entity, String entityId, String subject,
                        String detail) {
        static Entry of(AuditEntry e, String subject) {
            return new Entry(e.id, e.at, e.actor, e.action, e.entity, e.entityId, subject, e.detail);
        }
    }

    /** One page; {@code total} counts every match. */
    public record EntryPage(List<Entry> items, int page, int size, long total, int totalPages) {
    }

    @GET
    public EntryPage search(@QueryParam("entity") String entity, @QueryParam("entityId") String entityId,
                            @QueryParam("actor") String actor, @QueryParam("action") String action,
                            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        List<Violation> violations = new ArrayList<>();
        Long page = QueryNumber.parse("page", pageParam, violations);
        Long size = QueryNumber.parse("size", sizeParam, violations);
        if (page != null && (page < 0 || page > 1_000_000)) {
            violations.add(new Violation("page", "must be from 0 to 1000000 (pages count from 0)"));
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            violations.add(new Violation("size", "must be from 1 to " + MAX_SIZE));
        }
        if (present(entity) && !ENTITIES.contains(entity.trim())) {
            violations.add(new Violation("entity", "must be one of " + String.join(", ", ENTITIES.stream().sorted().toList())));
        }
        if (present(entityId) && !present(entity)) {
            violations.add(new Violation("entityId", "needs entity as well (ids are per entity)"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        about(where, p, present(entity) ? entity.trim() : null, present(entityId) ? entityId.trim() : null);
        filter(where, p, "actor", actor);
        filter(where, p, "action", action == null ? null : action.trim().toUpperCase());
        int pageIndex = page == null ? 0 : page.intValue();
        int pageSize = size == null ? 50 : size.intValue();
        long total = AuditEntry.count(where.toString(), p);
        List<AuditEntry> rows = AuditEntry.<AuditEntry>find(where.toString(), Sort.descending("at").and("id", Sort.Direction.Descending), p)
                .page(Page.of(pageIndex, pageSize)).list();
        Map<String, Map<String, String>> names = subjects(rows);
        List<Entry> items = rows.stream()
                .map(e -> Entry.of(e, names.getOrDefault(e.entity, Map.of()).get(e.entityId)))
                .toList();
        return new EntryPage(items, pageIndex, pageSize, total, (int) ((total + pageSize - 1) / pageSize));
    }

    /** The names of the page's users, recliners and patients: one query per kind, whatever the page's size. */
    private static Map<String, Map<String, String>> subjects(List<AuditEntry> rows) {
        Map<String, Map<String, String>> names = new HashMap<>();
        for (Map.Entry<String, String> kind : NAME_QUERIES.entrySet()) {
            List<Long> ids = rows.stream().filter(e -> e.entity.equals(kind.getKey()) && e.entityId != null && e.entityId.matches("\\d{1,18}"))
                    .map(e -> Long.parseLong(e.entityId)).distinct().toList();
            if (ids.isEmpty()) {
                continue;
            }
            Map<String, String> byId = new HashMap<>();
            for (Object[] row : AuditEntry.getEntityManager().createQuery(kind.getValue(), Object[].class).setParameter("ids", ids).getResultList()) {
                byId.put(row[0].toString(), (String) row[1]);
            }
            names.put(kind.getKey(), byId);
        }
        return names;
    }

    private static final Map<String, String> NAME_QUERIES = Map.of(
            "user", "select u.id, u.username from AppUser u where u.id in :ids",
            "recliner", "select r.id, r.name from Recliner r where r.id in :ids",
            "patient", "select p.id, concat(p.familyName, ', ', p.givenName, ' (MRN ', p.mrn, ')') from Patient p where p.id in :ids");

    /** A session's threshold changes: {@code THRESHOLDS} on the session, and, before that, on the thresholds' key. */
    public static final String SESSION_THRESHOLDS = "THRESHOLDS";
    private static final String SESSION_KEY_PREFIX = "SESSION:";

    /**
     * The entries about an entity. A session's threshold overrides are about the session and about thresholds alike:
     * an auditor looking at one session must see who changed its limits, and one looking at thresholds every change of
     * a limit. They are written under the session ({@link #SESSION_THRESHOLDS}); entries written earlier under
     * {@code thresholds} with the key {@code SESSION:<id>} are found both ways too.
     */
    private static void about(StringBuilder where, Parameters p, String entity, String entityId) {
        if (entity == null) {
            return;
        }
        switch (entity) {
            case "session" -> {
                if (entityId == null) {
                    where.append(" and (entity = 'session' or (entity = 'thresholds' and entityId like 'SESSION:%'))");
                } else {
                    where.append(" and ((entity = 'session' and entityId = :entityId) or (entity = 'thresholds' and entityId = :sessionKey))");
                    p.and("entityId", entityId).and("sessionKey", SESSION_KEY_PREFIX + entityId);
                }
            }
            case "thresholds" -> {
                if (entityId == null) {
                    where.append(" and (entity = 'thresholds' or (entity = 'session' and action = '" + SESSION_THRESHOLDS + "'))");
                } else if (entityId.toUpperCase().startsWith(SESSION_KEY_PREFIX)) {
                    String session = entityId.substring(SESSION_KEY_PREFIX.length()).trim();
                    where.append(" and ((entity = 'thresholds' and entityId = :sessionKey) or (entity = 'session' and entityId = :entityId and action = '"
                            + SESSION_THRESHOLDS + "'))");
                    p.and("entityId", session).and("sessionKey", SESSION_KEY_PREFIX + session);
                } else {
                    where.append(" and entity = 'thresholds' and entityId = :entityId");
                    p.and("entityId", entityId);
                }
            }
            default -> {
                filter(where, p, "entity", entity);
                filter(where, p, "entityId", entityId);
            }
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void filter(StringBuilder where, Parameters p, String field, String value) {
        if (present(value)) {
            where.append(" and ").append(field).append(" = :").append(field);
            p.and(field, value.trim());
        }
    }
}
