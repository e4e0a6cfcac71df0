package org.chairside.vitals;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.chairside.security.Roles;
import org.chairside.session.SessionService;

@Path("/api/sessions/{id}/readings")
@Authenticated
public class SessionReadingResource {
    private final ChartingQueue queue;
    private final SecurityIdentity identity;

    public SessionReadingResource(ChartingQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Uni<Response> chart(@PathParam("id") long sessionId, @NotNull(message = "a reading is required") ChartRequest body) {
        // The answer is written on this request's I/O thread, not on the charting writer that completes it.
        Context caller = Vertx.currentContext();
        Executor answerOn = caller == null ? Runnable::run : task -> caller.runOnContext(v -> task.run());
        return Uni.createFrom().completionStage(queue.chart(sessionId, body.input(), Source.MANUAL, identity.getPrincipal().getName()))
                .emitOn(answerOn)
                .map(c -> {
                    ChartResult result = ChartResult.of(c);
                    return Response.created(URI.create("/api/readings/" + result.reading().id())).entity(result).build();
                });
    }

    /** Every reading of the session in taken-at order, amended originals included (marked amended). */
    @GET
    public List<ReadingView> list(@PathParam("id") long sessionId) {
        SessionService.find(sessionId);
        return Reading.getEntityManager().createQuery(ReadingView.SELECT + " where r.sessionId = :session order by r.takenAt, r.id",
                ReadingView.class).setParameter("session", sessionId).getResultList();
    }
}
