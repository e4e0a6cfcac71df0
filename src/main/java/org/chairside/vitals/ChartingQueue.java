package org.chairside.vitals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.problem.ProblemException;

/**
 * Where single readings (a nurse's entry, a device's post) wait to be charted. One writer charts whatever
 * is waiting in one transaction: on H2 each commit writes the changed pages to the file, and a group shares
 * that cost, so a busy clinic is not limited to one commit per reading. A 201 still means committed.
 */
@ApplicationScoped
public class ChartingQueue {
    private final GroupCommit<ChartingService.Single, ChartingService.Charted> group;

    public ChartingQueue(ChartingService charting,
                         @ConfigProperty(name = "chairside.charting.queue-capacity") int capacity,
                         @ConfigProperty(name = "chairside.charting.max-group") int maxGroup) {
        this.group = new GroupCommit<>("charting-writer", capacity, maxGroup, charting::chartTogether,
                one -> charting.chart(one.sessionId(), List.of(one.input()), one.source(), one.actor(), ""));
    }

    void start(@Observes StartupEvent started) {
        group.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        group.close(10_000);
    }

    /** Completes once the reading is committed, or fails with the reason it was refused. */
    public CompletionStage<ChartingService.Charted> chart(long sessionId, ReadingInput input, Source source, String actor) {
        CompletableFuture<ChartingService.Charted> answer = group.submit(new ChartingService.Single(sessionId, input, source, actor));
        return answer.exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof RejectedExecutionException
                ? new ProblemException(503, "Charting is busy", "Too many readings are waiting to be charted (" + e.getMessage()
                        + "); nothing was stored, send the reading again in a moment", null)
                : e));
    }
}
