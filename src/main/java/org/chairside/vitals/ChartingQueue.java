package org.chairside.vitals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.chairside.problem.ProblemException;

/**
 * Where single readings (a nurse's entry, a device's post) wait to be charted. A writer charts whatever is
 * waiting for it in one transaction: on H2 each commit writes the changed pages to the file, and a group shares
 * that cost, so a busy clinic is not limited to one commit per reading. A 201 still means committed.
 *
 * <p>Sessions are shared out among the writers by id, so one session's readings are always charted by the same
 * writer, in arrival order; while one writer waits for its commit, another can chart.
 */
@ApplicationScoped
public class ChartingQueue {
    private final List<GroupCommit<ChartingService.Entry, ChartingService.Charted>> writers;

    public ChartingQueue(ChartingService charting,
                         @ConfigProperty(name = "chairside.charting.writers") int writers,
                         @ConfigProperty(name = "chairside.charting.queue-capacity") int capacity,
                         @ConfigProperty(name = "chairside.charting.max-group") int maxGroup) {
        if (writers < 1) {
            throw new IllegalArgumentException("chairside.charting.writers must be at least 1");
        }
        this.writers = IntStream.range(0, writers)
                .mapToObj(i -> new GroupCommit<ChartingService.Entry, ChartingService.Charted>("charting-writer-" + i,
                        Math.max(1, capacity / writers), maxGroup, charting::chartTogether,
                        one -> charting.chart(one.sessionId(), one.inputs(), one.source(), one.actor(), one.fieldPrefix())))
                .toList();
    }

    void start(@Observes StartupEvent started) {
        writers.forEach(GroupCommit::start);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        for (GroupCommit<?, ?> w : writers) {
            w.close(10_000);
        }
    }

    /** Completes once the reading is committed, or fails with the reason it was refused. */
    public CompletionStage<ChartingService.Charted> chart(long sessionId, ReadingInput input, Source source, String actor) {
        return chart(new ChartingService.Entry(sessionId, input, source, actor));
    }

    /**
     * For senders that wait on their own thread (a device's message over MLLP or HTTP): charts the entry in the writer's
     * next group and returns once it is committed, or throws the reason it was refused.
     */
    public ChartingService.Charted chartAndWait(ChartingService.Entry entry) {
        try {
            return chart(entry).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Several readings of one session (a device's message), charted all or nothing within a group. */
    public CompletionStage<ChartingService.Charted> chart(ChartingService.Entry entry) {
        GroupCommit<ChartingService.Entry, ChartingService.Charted> writer = writers.get((int) Math.floorMod(entry.sessionId(), (long) writers.size()));
        CompletableFuture<ChartingService.Charted> answer = writer.submit(entry);
        return answer.exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof RejectedExecutionException
                ? new ProblemException(503, "Charting is busy", "Too many readings are waiting to be charted (" + e.getMessage()
                        + "); nothing was stored, send the reading again in a moment", null)
                : e));
    }
}
