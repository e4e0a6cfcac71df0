package org.chairside.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** Requests are numbers; "writing" one answers its square; a negative one is refused, 13 breaks a group. */
    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> writtenAlone = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstGroupMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
    private GroupCommit<Integer, Integer> commit;

    private List<GroupCommit.Outcome<Integer>> together(List<Integer> requests) {
        groups.add(requests);
        if (groups.size() == 1) {
            firstGroupStarted.countDown();
            await(firstGroupMayFinish);
        }
        if (requests.contains(13)) {
            throw new IllegalStateException("the group's transaction failed");
        }
        return requests.stream().map(r -> r < 0 ? GroupCommit.Outcome.<Integer>refused(new IllegalArgumentException("negative " + r))
                : GroupCommit.Outcome.answered(r * r)).toList();
    }

    private Integer alone(Integer request) {
        writtenAlone.add(request);
        if (request == 13) {
            throw new IllegalStateException("13 cannot be written");
        }
        return request * request;
    }

    private void start(int capacity, int maxGroup) {
        commit = new GroupCommit<>("test-writer", capacity, maxGroup, this::together, this::alone);
        commit.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        firstGroupMayFinish.countDown();
        commit.close(5000);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable failure(CompletableFuture<Integer> f) throws InterruptedException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void requestsArrivingWhileTheWriterIsBusyAreWrittenTogetherInOrder() throws Exception {
        start(100, 100);
        CompletableFuture<Integer> first = commit.submit(1);
        await(firstGroupStarted);
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 2; i <= 6; i++) {
            waiting.add(commit.submit(i));
        }
        assertFalse(first.isDone(), "answered only after its group is written");
        firstGroupMayFinish.countDown();
        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals((i + 2) * (i + 2), waiting.get(i).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of(1), List.of(2, 3, 4, 5, 6)), groups);
    }

    @Test
    void aGroupIsNoLargerThanTheLimit() throws Exception {
        start(100, 2);
        commit.submit(1);
        await(firstGroupStarted);
        List<CompletableFuture<Integer>> waiting = List.of(commit.submit(2), commit.submit(3), commit.submit(4), commit.submit(5), commit.submit(6));
        firstGroupMayFinish.countDown();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(List.of(1), List.of(2, 3), List.of(4, 5), List.of(6)), groups);
    }

    @Test
    void aRefusedRequestFailsAloneAndTheOthersInItsGroupStand() throws Exception {
        start(100, 100);
        commit.submit(1);
        await(firstGroupStarted);
        CompletableFuture<Integer> before = commit.submit(2);
        CompletableFuture<Integer> refused = commit.submit(-3);
        CompletableFuture<Integer> after = commit.submit(4);
        firstGroupMayFinish.countDown();
        assertEquals(4, before.get(5, TimeUnit.SECONDS));
        assertEquals(16, after.get(5, TimeUnit.SECONDS));
        assertEquals("negative -3", failure(refused).getMessage());
        assertEquals(List.of(), writtenAlone, "a refusal does not make the group write again");
    }

    @Test
    void whenAGroupFailsEachRequestIsWrittenAloneSoOnlyTheFaultyOneFails() throws Exception {
        start(100, 100);
        commit.submit(1);
        await(firstGroupStarted);
        CompletableFuture<Integer> two = commit.submit(2);
        CompletableFuture<Integer> faulty = commit.submit(13);
        CompletableFuture<Integer> four = commit.submit(4);
        firstGroupMayFinish.countDown();
        assertEquals(4, two.get(5, TimeUnit.SECONDS));
        assertEquals(16, four.get(5, TimeUnit.SECONDS));
        assertEquals("13 cannot be written", failure(faulty).getMessage());
        assertEquals(List.of(2, 13, 4), writtenAlone);
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfMakingTheCallerWait() throws Exception {
        start(2, 100);
        commit.submit(1);
        await(firstGroupStarted);
        CompletableFuture<Integer> a = commit.submit(2);
        CompletableFuture<Integer> b = commit.submit(3);
        CompletableFuture<Integer> tooMany = commit.submit(4);
        assertTrue(tooMany.isDone());
        assertInstanceOf(RejectedExecutionException.class, failure(tooMany));
        firstGroupMayFinish.countDown();
        assertEquals(4, a.get(5, TimeUnit.SECONDS));
        assertEquals(9, b.get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingWritesWhatIsWaitingAndRefusesWhatComesAfter() throws Exception {
        start(100, 100);
        commit.submit(1);
        await(firstGroupStarted);
        CompletableFuture<Integer> waiting = commit.submit(7);
        Thread closer = new Thread(() -> {
            try {
                commit.close(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        // once closed, nothing new is taken
        for (int i = 0; i < 500 && !commit.isClosed(); i++) {
            Thread.sleep(10);
        }
        CompletableFuture<Integer> late = commit.submit(9);
        assertInstanceOf(RejectedExecutionException.class, failure(late));
        firstGroupMayFinish.countDown();
        closer.join(5000);
        assertEquals(49, waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void theWriterSurvivesAnUnexpectedError() throws Exception {
        GroupCommit<Integer, Integer> breaking = new GroupCommit<>("test-writer-2", 10, 10, requests -> {
            if (requests.contains(0)) {
                throw new AssertionError("an Error, not an exception");
            }
            return requests.stream().map(GroupCommit.Outcome::answered).toList();
        }, r -> r);
        breaking.start();
        try {
            Throwable e = failure(breaking.submit(0));
            assertSame(AssertionError.class, e.getClass());
            assertEquals(5, breaking.submit(5).get(5, TimeUnit.SECONDS));
        } finally {
            breaking.close(5000);
        }
        commit = breaking;
    }
}
