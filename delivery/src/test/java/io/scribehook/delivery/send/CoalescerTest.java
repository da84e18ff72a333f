package io.scribehook.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    @Test
    void callersArrivingDuringABatchShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Coalescer<Integer, String> c = new Coalescer<>(
                in -> {
                    batches.add(List.copyOf(in));
                    if (batches.size() == 1) {
                        hold(firstBatchMayEnd);
                    }
                    return in.stream().map(i -> "r" + i).toList();
                },
                100);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> c.call(0));
            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            List<Future<String>> later = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int k = i;
                later.add(pool.submit(() -> c.call(k)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> c.waiting() == 5);
            firstBatchMayEnd.countDown();
            assertThat(first.get()).isEqualTo("r0");
            for (int i = 1; i <= 5; i++) {
                assertThat(later.get(i - 1).get()).isEqualTo("r" + i);
            }
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(c.calls()).isEqualTo(6);
        assertThat(c.batches()).isEqualTo(2);
    }

    @Test
    void aFailedBatchFailsEveryCallerInItAndTheNextBatchStillRuns() throws Exception {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        Coalescer<Integer, Integer> c = new Coalescer<>(
                in -> {
                    batches.add(List.copyOf(in));
                    if (batches.size() == 1) {
                        hold(firstBatchMayEnd);
                    }
                    if (in.contains(-1)) {
                        throw new IllegalStateException("batch with -1 failed");
                    }
                    return in;
                },
                2);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = pool.submit(() -> c.call(7));
            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            Future<Integer> failing = pool.submit(() -> c.call(-1));
            await().atMost(Duration.ofSeconds(10)).until(() -> c.waiting() == 1);
            Future<Integer> sharing = pool.submit(() -> c.call(8));
            await().atMost(Duration.ofSeconds(10)).until(() -> c.waiting() == 2);
            Future<Integer> next = pool.submit(() -> c.call(9));
            await().atMost(Duration.ofSeconds(10)).until(() -> c.waiting() == 3);
            firstBatchMayEnd.countDown();
            assertThat(first.get()).isEqualTo(7);
            assertThatThrownBy(failing::get).hasRootCauseMessage("batch with -1 failed");
            assertThatThrownBy(sharing::get).hasRootCauseMessage("batch with -1 failed");
            assertThat(next.get()).isEqualTo(9); // maxBatch 2: a batch of its own, after the failed one
        }
        assertThat(batches).containsExactly(List.of(7), List.of(-1, 8), List.of(9));
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
