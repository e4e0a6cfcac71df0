package org.chairside.vitals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes requests in groups: one writer thread takes everything waiting (up to a limit) and writes it in one
 * transaction, so a burst of n requests costs one durable commit instead of n. Each request's answer is
 * completed only after its group committed. A request the writer refuses (a closed session, an invalid value)
 * is answered with its own refusal and does not affect the others; if the group's transaction itself fails,
 * every request in it is written again on its own, so only the one at fault fails.
 *
 * @param <R> a request
 * @param <A> its answer
 */
final class GroupCommit<R, A> {

    /** Writes a group in one transaction: an outcome per request, in order; a throw fails the whole group. */
    interface Together<R, A> {
        List<Outcome<A>> write(List<R> requests);
    }

    /** Writes one request in its own transaction. */
    interface Alone<R, A> {
        A write(R request);
    }

    /** A request's answer, or its own refusal (which must have written nothing). */
    record Outcome<A>(A answer, RuntimeException refusal) {
        static <A> Outcome<A> answered(A answer) {
            return new Outcome<>(answer, null);
        }

        static <A> Outcome<A> refused(RuntimeException refusal) {
            return new Outcome<>(null, refusal);
        }
    }

    private record Waiting<R, A>(R request, CompletableFuture<A> answer) {
    }

    private final BlockingQueue<Waiting<R, A>> waiting;
    private final int maxGroup;
    private final Together<R, A> together;
    private final Alone<R, A> alone;
    private final Thread writer;
    private volatile boolean closed;

    GroupCommit(String name, int capacity, int maxGroup, Together<R, A> together, Alone<R, A> alone) {
        if (capacity < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("capacity and group size must be at least 1");
        }
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.maxGroup = maxGroup;
        this.together = together;
        this.alone = alone;
        this.writer = new Thread(this::run, name);
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    /**
     * Queues a request. The answer fails with {@link RejectedExecutionException} when the queue is full or
     * closed: the caller is told at once rather than left waiting behind a backlog it cannot see.
     */
    CompletableFuture<A> submit(R request) {
        CompletableFuture<A> answer = new CompletableFuture<>();
        if (closed || !waiting.offer(new Waiting<>(request, answer))) {
            answer.completeExceptionally(new RejectedExecutionException(closed ? "shutting down" : "queue full"));
        }
        return answer;
    }

    /** Stops taking requests, writes those already waiting, and waits for the writer up to {@code millis}. */
    void close(long millis) throws InterruptedException {
        closed = true;
        writer.join(millis);
        // a request that slipped in as the writer stopped: answer it rather than leave its caller waiting
        for (Waiting<R, A> w; (w = waiting.poll()) != null; ) {
            w.answer().completeExceptionally(new RejectedExecutionException("shutting down"));
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void run() {
        List<Waiting<R, A>> group = new ArrayList<>(maxGroup);
        while (!closed || !waiting.isEmpty()) {
            try {
                Waiting<R, A> first = waiting.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(w -> w.answer().completeExceptionally(new RejectedExecutionException("shutting down")));
                return;
            } catch (RuntimeException | Error e) {
                // never let the writer die: every later request would wait forever
                group.forEach(w -> w.answer().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Waiting<R, A>> group) {
        List<Outcome<A>> outcomes;
        try {
            outcomes = together.write(group.stream().map(Waiting::request).toList());
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).answer().completeExceptionally(e);
                return;
            }
            for (Waiting<R, A> w : group) {
                try {
                    w.answer().complete(alone.write(w.request()));
                } catch (RuntimeException one) {
                    w.answer().completeExceptionally(one);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            Outcome<A> o = outcomes.get(i);
            if (o.refusal() != null) {
                group.get(i).answer().completeExceptionally(o.refusal());
            } else {
                group.get(i).answer().complete(o.answer());
            }
        }
    }
}
