package org.chairside.vitals;

import java.net.URI;
import java.util.concurrent.Executor;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.chairside.problem.QueryNumber;
import org.chairside.security.Roles;
import org.chairside.session.SessionService;

@Path("/api/sessions/{id}/readings")
@Authenticated
public class SessionReadingResource {
    /** The session's count of readings, beside a list of changes: a client whose merged list is shorter reads it whole. */
    static final String TOTAL = "X-Total-Count";

    private final ChartingQueue queue;
    private final ReadingListWriter readings;
    private final SecurityIdentity identity;

    public SessionReadingResource(ChartingQueue queue, ReadingListWriter readings, SecurityIdentity identity) {
        this.queue = queue;
        this.readings = readings;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.NURSE, Roles.PROVIDER})
    public Uni<Response> chart(@PathParam("id") long sessionId, @Valid @NotNull(message = "a reading is required") ChartRequest body) {
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

    /**
     * Every reading of the session in taken-at order, amended originals included (marked amended), as a JSON array of
     * {@link ReadingView}s written from the rows (see {@link ReadingListWriter}). An unknown session is a 404 before
     * anything is written.
     *
     * <p>With {@code after} (the highest reading id the client holds): only the readings written since and the
     * originals they correct, and the session's count of readings in {@value #TOTAL}. An open session view merges
     * these on each live event instead of fetching a device-fed session's megabytes again every second.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    // The bytes and the stream hide the element type from the OpenAPI scanner: name it.
    @APIResponse(responseCode = "200", description = "the session's readings (with after: those changed since, and the total in " + TOTAL + ")",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReadingView.class)))
    public Response list(@PathParam("id") long sessionId,
                         @Parameter(description = "a reading id: list only what changed after it") @QueryParam("after") String afterParam) {
        Long after = QueryNumber.parse("after", afterParam);
        SessionService.find(sessionId);
        if (after != null) {
            ReadingListWriter.Changes changes = readings.changes(sessionId, after);
            return Response.ok(changes.json()).header(TOTAL, changes.total()).build();
        }
        byte[] json = readings.list(sessionId);
        if (json != null) {
            return Response.ok(json).build();
        }
        StreamingOutput streamed = out -> readings.write(sessionId, out);
        return Response.ok(streamed).build();
    }
}
