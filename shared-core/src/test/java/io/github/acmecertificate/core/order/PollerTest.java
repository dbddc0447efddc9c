package io.github.acmecertificate.core.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.exception.AcmeProblemException;
import org.junit.Test;
import org.shredzone.acme4j.Status;

public class PollerTest {

    /** A clock that only moves when the poller sleeps. */
    private static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Duration> sleeps = new ArrayList<>();

        void sleep(Duration d) {
            sleeps.add(d);
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A resource that turns VALID after a number of refreshes, optionally sending Retry-After. */
    private static final class Resource implements Poller.Target {
        final ArrayDeque<Status> states;
        final FakeTime time;
        final Duration retryAfter;
        Status status = Status.PENDING;
        int refreshes;

        Resource(FakeTime time, Duration retryAfter, Status... states) {
            this.time = time;
            this.retryAfter = retryAfter;
            this.states = new ArrayDeque<>(List.of(states));
        }

        @Override
        public Optional<Instant> refresh() {
            refreshes++;
            if (!states.isEmpty()) {
                status = states.poll();
            }
            return retryAfter == null ? Optional.empty() : Optional.of(time.now.plus(retryAfter));
        }

        @Override
        public Status status() {
            return status;
        }
    }

    private static Poller poller(FakeTime time, Duration timeout) {
        return new Poller(time, time::sleep, timeout, Duration.ofMillis(20), Duration.ofSeconds(2));
    }

    @Test
    public void returnsAtOnceWithoutARequestWhenAlreadyThere() throws Exception {
        var time = new FakeTime();
        var resource = new Resource(time, null);
        resource.status = Status.VALID;
        assertEquals(Status.VALID, poller(time, Duration.ofMinutes(1)).await("x", resource, EnumSet.of(Status.VALID)));
        assertEquals(0, resource.refreshes);
        assertTrue(time.sleeps.isEmpty());
    }

    @Test
    public void startsShortAndBacksOffToTheCeiling() throws Exception {
        var time = new FakeTime();
        var states = new Status[10];
        java.util.Arrays.fill(states, Status.PROCESSING);
        states[9] = Status.VALID;
        var resource = new Resource(time, null, states);
        poller(time, Duration.ofMinutes(1)).await("x", resource, EnumSet.of(Status.VALID, Status.INVALID));
        assertEquals(List.of(20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2000L, 2000L, 2000L),
                time.sleeps.stream().map(Duration::toMillis).toList());
    }

    @Test
    public void honoursRetryAfter() throws Exception {
        var time = new FakeTime();
        var resource = new Resource(time, Duration.ofSeconds(7), Status.PROCESSING, Status.VALID);
        poller(time, Duration.ofMinutes(1)).await("x", resource, EnumSet.of(Status.VALID));
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofSeconds(7)), time.sleeps);
    }

    @Test
    public void aFreshWaitAsksAtOnceAndSleepsOnlyIfTheResourceIsNotThereYet() throws Exception {
        var time = new FakeTime();
        var ready = new Resource(time, null, Status.READY);
        assertEquals(Status.READY, poller(time, Duration.ofMinutes(1)).awaitFresh("x", ready,
                EnumSet.of(Status.READY)));
        assertEquals(1, ready.refreshes);
        assertTrue("no sleep when the first answer is the wanted one", time.sleeps.isEmpty());

        var later = new Resource(time, Duration.ofSeconds(3), Status.PROCESSING, Status.VALID);
        poller(time, Duration.ofMinutes(1)).awaitFresh("x", later, EnumSet.of(Status.VALID));
        assertEquals(2, later.refreshes);
        assertEquals("the Retry-After of the first answer is honoured", List.of(Duration.ofSeconds(3)), time.sleeps);
    }

    @Test
    public void neverSleepsPastTheDeadline() throws Exception {
        var time = new FakeTime();
        var resource = new Resource(time, Duration.ofHours(1), Status.PROCESSING, Status.PROCESSING);
        var ex = assertThrows(AcmeProblemException.class,
                () -> poller(time, Duration.ofSeconds(10)).await("the order", resource, EnumSet.of(Status.VALID)));
        assertEquals(AcmeProblemException.Kind.TIMEOUT, ex.kind());
        assertTrue(ex.getMessage(), ex.getMessage().contains("the order") && ex.getMessage().contains("processing"));
        var slept = time.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofSeconds(10), slept);
    }
}
