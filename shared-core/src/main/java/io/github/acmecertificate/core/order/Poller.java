package io.github.acmecertificate.core.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.exception.AcmeProblemException.Kind;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Polls an ACME resource until it reaches a wanted state.
 *
 * <p>acme4j's own waits sleep three seconds whenever the CA sends no {@code Retry-After}
 * header, which turns a 100 ms issuance against a fast CA into several seconds. This
 * poller starts with short intervals and backs off exponentially to a ceiling, waits
 * exactly as long as a {@code Retry-After} asks (never past the deadline), and gives up
 * at the deadline with a {@link Kind#TIMEOUT} problem.
 *
 * @since 0.1.0
 */
public final class Poller {

    /** Something whose state can be refreshed from the CA. */
    public interface Target {
        /**
         * Fetches the current state from the CA.
         *
         * @return when the CA suggests asking again, if it said
         * @throws AcmeException if the request failed
         */
        Optional<Instant> refresh() throws AcmeException;

        /**
         * Returns the state last fetched.
         *
         * @return the status
         */
        Status status();
    }

    /** Waits; replaced in tests so they run without real sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Sleeps.
         *
         * @param duration how long
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * The first interval: a local or fast CA often finishes within it. Doubling from 5 ms
     * costs at most two more requests than from 20 ms before the intervals grow long, and
     * saves up to 15 ms on each of the three waits of an issuance.
     */
    public static final Duration FIRST_INTERVAL = Duration.ofMillis(5);
    /** The longest interval between two polls when the CA gives no Retry-After. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(2);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration timeout;
    private final Duration first;
    private final Duration max;

    /**
     * Creates a poller.
     *
     * @param clock   the clock that measures the deadline
     * @param sleeper how to wait
     * @param timeout how long to wait in all
     * @param first   the first interval
     * @param max     the longest interval without Retry-After
     */
    public Poller(Clock clock, Sleeper sleeper, Duration timeout, Duration first, Duration max) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.timeout = timeout;
        this.first = first;
        this.max = max;
    }

    /**
     * Creates a poller on the system clock with the standard intervals.
     *
     * @param timeout how long to wait in all
     * @return the poller
     */
    public static Poller standard(Duration timeout) {
        return new Poller(Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()), timeout,
                FIRST_INTERVAL, MAX_INTERVAL);
    }

    /**
     * Returns the overall time-out.
     *
     * @return the time-out
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Polls until the target's status is one of {@code until}; the current status is
     * checked first, so a target that is already there costs no request.
     *
     * @param what   what is polled, for the time-out message (e.g. {@code the order})
     * @param target the resource
     * @param until  the states that end the wait
     * @return the state reached
     * @throws AcmeProblemException of kind {@link Kind#TIMEOUT} at the deadline
     * @throws AcmeException        if a request failed
     * @throws InterruptedException if interrupted while waiting
     */
    public Status await(String what, Target target, Set<Status> until)
            throws AcmeException, AcmeProblemException, InterruptedException {
        return await(what, target, until, Optional.empty());
    }

    /**
     * Polls like {@link #await}, but fetches the target's state at once instead of trusting
     * the one last fetched: for a resource that has most likely changed meanwhile (an order
     * once its challenges are valid, a challenge validated while another one was awaited),
     * where waiting a first interval would only add latency.
     *
     * @param what   what is polled, for the time-out message
     * @param target the resource
     * @param until  the states that end the wait
     * @return the state reached
     * @throws AcmeProblemException of kind {@link Kind#TIMEOUT} at the deadline
     * @throws AcmeException        if a request failed
     * @throws InterruptedException if interrupted while waiting
     * @since 0.1.0
     */
    public Status awaitFresh(String what, Target target, Set<Status> until)
            throws AcmeException, AcmeProblemException, InterruptedException {
        if (until.contains(target.status())) {
            return target.status();
        }
        return await(what, target, until, target.refresh());
    }

    private Status await(String what, Target target, Set<Status> until, Optional<Instant> retryAfterFirst)
            throws AcmeException, AcmeProblemException, InterruptedException {
        var deadline = clock.instant().plus(timeout);
        var interval = first;
        Optional<Instant> retryAfter = retryAfterFirst;
        while (!until.contains(target.status())) {
            var now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new AcmeProblemException(Kind.TIMEOUT, "Gave up waiting for " + what + " after " + timeout
                        + " (its status is still " + target.status().name().toLowerCase(java.util.Locale.ROOT) + "). The CA may be slow "
                        + "or overloaded: run again later, or allow more time with the timeout setting", null, null);
            }
            Duration wait;
            if (retryAfter.isPresent()) {
                wait = Duration.between(now, retryAfter.get());
                if (wait.isNegative()) {
                    wait = Duration.ZERO;
                }
            } else {
                wait = interval;
                interval = interval.multipliedBy(2).compareTo(max) > 0 ? max : interval.multipliedBy(2);
            }
            var left = Duration.between(now, deadline);
            sleeper.sleep(wait.compareTo(left) > 0 ? left : wait);
            retryAfter = target.refresh();
        }
        return target.status();
    }
}
