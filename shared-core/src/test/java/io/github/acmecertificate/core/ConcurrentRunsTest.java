package io.github.acmecertificate.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.junit.Test;

/** The bounded concurrency a fleet run and a scheduled renewal pass share. */
public class ConcurrentRunsTest {

    @Test
    public void neverRunsMoreThanTheBoundAtOnceAndRunsThemAll() throws Exception {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<String>>();
        for (int i = 0; i < 12; i++) {
            var name = "c" + i;
            tasks.put(name, log -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(20);
                running.decrementAndGet();
                return name + " done";
            });
        }

        var outcomes = new ConcurrentRuns(3).run(tasks, event -> { });

        assertEquals(12, outcomes.size());
        assertTrue("at most 3 at once, saw " + most.get(), most.get() <= 3);
        assertTrue("ran concurrently, saw " + most.get(), most.get() > 1);
        for (int i = 0; i < 12; i++) {
            assertEquals("c" + i, outcomes.get(i).name());
            assertEquals(Optional.of("c" + i + " done"), outcomes.get(i).result());
        }
    }

    @Test
    public void aFailureEndsThatTaskOnlyAndIsReportedByName() throws Exception {
        var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<String>>();
        tasks.put("good.example", log -> "ok");
        tasks.put("bad.example", log -> {
            throw new AcmeCertificateException("the CA refused the order");
        });
        tasks.put("broken.example", log -> {
            throw new IllegalStateException("a bug");
        });
        tasks.put("also-good.example", log -> "ok too");
        var events = Collections.synchronizedList(new ArrayList<ProgressEvent>());

        var outcomes = new ConcurrentRuns(2).run(tasks, events::add);

        assertFalse(outcomes.get(0).failed());
        assertEquals("the CA refused the order", outcomes.get(1).failure().orElseThrow().getMessage());
        var unexpected = outcomes.get(2).failure().orElseThrow().getMessage();
        assertTrue(unexpected, unexpected.contains("broken.example") && unexpected.contains("a bug"));
        assertEquals(Optional.of("ok too"), outcomes.get(3).result());
        assertTrue(events.toString(), events.stream().anyMatch(e -> e.stage() == Stage.WARNING
                && e.message().contains("bad.example") && e.message().contains("refused")));
    }

    @Test
    public void reportsOfConcurrentTasksReachTheListenerOneAtATime() throws Exception {
        var inside = new AtomicInteger();
        var overlapped = new AtomicInteger();
        var start = new CountDownLatch(1);
        var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<Integer>>();
        for (int i = 0; i < 4; i++) {
            tasks.put("c" + i, log -> {
                start.await(5, TimeUnit.SECONDS);
                for (int k = 0; k < 50; k++) {
                    log.report(Stage.INFO, "line " + k);
                }
                return 50;
            });
        }
        start.countDown();

        new ConcurrentRuns(4).run(tasks, event -> {
            if (inside.incrementAndGet() > 1) {
                overlapped.incrementAndGet();
            }
            Thread.onSpinWait();
            inside.decrementAndGet();
        });

        assertEquals("no two reports at once", 0, overlapped.get());
    }

    @Test
    public void anInterruptedTaskStopsTheRun() {
        var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<String>>();
        tasks.put("a", log -> {
            throw new InterruptedException("stopped");
        });
        assertThrows(InterruptedException.class, () -> new ConcurrentRuns(2).run(tasks, event -> { }));
    }

    @Test
    public void aBoundBelowOneIsRefused() {
        var ex = assertThrows(IllegalArgumentException.class, () -> new ConcurrentRuns(0));
        assertTrue(ex.getMessage(), ex.getMessage().contains("at least 1"));
        assertEquals(List.of(), runNone());
    }

    private static List<ConcurrentRuns.Outcome<String>> runNone() {
        try {
            return new ConcurrentRuns(1).run(new LinkedHashMap<>(), event -> { });
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }
}
