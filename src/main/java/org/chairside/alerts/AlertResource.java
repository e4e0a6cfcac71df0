package org.chairside.alerts;

import java.util.List;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.chairside.problem.ProblemException;
import org.chairside.problem.QueryNumber;
import org.chairside.security.Roles;
import org.chairside.validation.PlainText;
import org.chairside.validation.StoredText;

@Path("/api/alerts")
@Authenticated
public class AlertResource {
    private final AlertService alerts;
    private final SecurityIdentity identity;

    public AlertResource(AlertService alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    public record AcknowledgeRequest(@Size(max = 500) @PlainText(multiline = true) String note) {
    }

    /** Alerts, newest first. {@code state}: ACTIVE, ACKNOWLEDGED, RESOLVED, or OPEN for the first two. */
    @GET
    public List<AlertView> list(@QueryParam("state") String state, @QueryParam("sessionId") String sessionParam) {
        Long sessionId = QueryNumber.parse("sessionId", sessionParam);
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (state != null && !state.isBlank()) {
            String s = state.trim().toUpperCase();
            if (s.equals("OPEN")) {
                q.append(" and openCondition is not null");
            } else {
                try {
                    p.and("state", AlertState.valueOf(s));
                    q.append(" and state = :state");
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("state", "must be OPEN, ACTIVE, ACKNOWLEDGED or RESOLVED");
                }
            }
        }
        if (sessionId != null) {
            q.append(" and sessionId = :session");
            p.and("session", sessionId);
        }
        return Alert.<Alert>find(q.toString(), Sort.descending("updatedAt").and("id", Sort.Direction.Descending), p)
                .page(Page.ofSize(500)).list().stream().map(AlertView::of).toList();
    }

    @GET
    @Path("/{id}")
    public AlertView get(@PathParam("id") long id) {
        Alert a = Alert.findById(id);
        if (a == null) {
            throw ProblemException.notFound("alert", id);
        }
        return AlertView.of(a);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public AlertView acknowledge(@PathParam("id") long id, @Valid AcknowledgeRequest body) {
        String note = body == null ? null : StoredText.of(body.note());
        return alerts.acknowledge(id, note, identity.getPrincipal().getName());
    }
}
