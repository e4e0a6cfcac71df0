package org.chairside.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    public record Entry(Long id, Instant at, String actor, String action, String entity, String entityId, String detail) {
        static Entry of(AuditEntry e) {
            return new Entry(e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.detail);
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
            violations.add(new Violation("page", "must be 0 or more (pages count from 0)"));
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
        filter(where, p, "entity", entity);
        filter(where, p, "entityId", entityId);
        filter(where, p, "actor", actor);
        filter(where, p, "action", action == null ? null : action.trim().toUpperCase());
        int pageIndex = page == null ? 0 : page.intValue();
        int pageSize = size == null ? 50 : size.intValue();
        long total = AuditEntry.count(where.toString(), p);
        List<Entry> items = AuditEntry.<AuditEntry>find(where.toString(), Sort.descending("at").and("id", Sort.Direction.Descending), p)
                .page(Page.of(pageIndex, pageSize)).list().stream().map(Entry::of).toList();
        return new EntryPage(items, pageIndex, pageSize, total, (int) ((total + pageSize - 1) / pageSize));
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
