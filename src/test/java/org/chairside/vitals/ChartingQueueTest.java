package org.chairside.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import org.chairside.problem.ProblemException;

/** What a client is told when readings arrive faster than they can be charted. */
class ChartingQueueTest {

    @Test
    void aFullQueueAnswers503SayingNothingWasStored() {
        // Not started: no writer takes readings off the queue, so the second one finds it full.
        ChartingQueue queue = new ChartingQueue(new ChartingService(null, null, null, null, null, null, Duration.ZERO), 1, 1, 8);
        ReadingInput reading = new ReadingInput(null, null, null, 72, null, null, null, null);
        CompletableFuture<ChartingService.Charted> waiting = queue.chart(1, reading, Source.MANUAL, "nurse").toCompletableFuture();
        CompletableFuture<ChartingService.Charted> refused = queue.chart(1, reading, Source.MANUAL, "nurse").toCompletableFuture();

        assertFalse(waiting.isDone());
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        ProblemException problem = assertInstanceOf(ProblemException.class, e.getCause());
        assertEquals(503, problem.status());
        assertEquals("Charting is busy", problem.toProblem().title());
        assertEquals(true, problem.toProblem().detail().contains("nothing was stored"));
    }

    @Test
    void eachSessionHasOneWriterAndTheWritersShareTheCapacity() {
        // Two writers, not started, room for one reading each: sessions 1 and 2 land on different writers.
        ChartingQueue queue = new ChartingQueue(new ChartingService(null, null, null, null, null, null, Duration.ZERO), 2, 2, 8);
        ReadingInput reading = new ReadingInput(null, null, null, 72, null, null, null, null);
        CompletableFuture<ChartingService.Charted> first = queue.chart(1, reading, Source.MANUAL, "nurse").toCompletableFuture();
        CompletableFuture<ChartingService.Charted> other = queue.chart(2, reading, Source.MANUAL, "nurse").toCompletableFuture();
        CompletableFuture<ChartingService.Charted> sameWriter = queue.chart(3, reading, Source.MANUAL, "nurse").toCompletableFuture();

        assertFalse(first.isDone());
        assertFalse(other.isDone(), "session 2 waits with the other writer");
        assertTrue(sameWriter.isCompletedExceptionally(), "session 3 shares session 1's writer, whose queue is full");
    }
}
