package org.chairside.session;

import static org.chairside.TestClinic.infusingSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The charting writers lock a whole group's sessions with one statement: it must lock them (until commit), skip ids
 * that are not sessions, and hand them back in id order, the order every locker takes.
 */
@QuarkusTest
class SessionLockTest {

    @Test
    void lockAllLocksTheSessionsThatExistInIdOrderUntilCommit() throws Exception {
        long first = infusingSession();
        long second = infusingSession();
        long unknown = second + 1_000_000;

        CountDownLatch held = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        CompletableFuture<List<Long>> holder = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            List<Long> locked = SessionService.lockAll(List.of(second, unknown, first));
            held.countDown();
            Thread.sleep(500);
            released.set(true);
            return locked;
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS), "the first transaction took its locks");

        // a second locker of one of those sessions waits for the first to commit
        boolean sawRelease = QuarkusTransaction.requiringNew().call(() -> {
            SessionService.lockAll(List.of(first));
            return released.get();
        });

        assertEquals(List.of(first, second), holder.get(10, TimeUnit.SECONDS));
        assertTrue(sawRelease, "the second locker got the session only after the first transaction ended");
    }

    @Test
    void lockAllOfNothingIsNothing() {
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> SessionService.lockAll(List.of())));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> SessionService.lockAll(List.of(-1L))).iterator().hasNext());
    }
}
