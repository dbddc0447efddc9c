package io.github.acmecertificate.core.challenge.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * Answers DNS-01 through a {@link DnsProvider}: the one entry point front ends call for the
 * {@code dns-01} challenge.
 *
 * <pre>{@code
 * var solver = Dns01Solver.create("rfc2136",
 *         Map.of("nameserver", "ns1.example.com", "tsigKeyName", "acme-update"),
 *         SecretSource.ofCredential(DnsProviders.require("rfc2136", loader), null, tsigSecret),
 *         DnsSettings.builder().propagationTimeout("PT2M").build());
 * var request = CertificateRequest.builder().domains("*.example.com,example.com").challenge(solver)...
 * }</pre>
 *
 * <p>For every challenge it follows the {@code _acme-challenge} CNAME chain (delegated
 * validation), finds the zone, and has the provider add the TXT value. {@code *.example.com}
 * and {@code example.com} share one name, so both values are present at once. Before the
 * CA is asked to validate, it waits until every authoritative nameserver of each zone serves
 * every value (unless told to skip that check). Afterwards it removes each value, whether
 * validation succeeded or not.
 *
 * <p>Secrets never reach the build log: progress events and exception messages are checked
 * for the provider's secret values and cleaned as a last line of defence.
 *
 * @since 0.1.0
 */
public final class Dns01Solver implements ChallengeSolver {

    /** The ACME challenge type. */
    public static final String TYPE = "dns-01";

    private final String providerName;
    private final DnsProvider provider;
    private final DnsSettings settings;
    private final List<String> secrets;
    private final DnsLookup lookup;
    private final PropagationCheck.Sleeper sleeper;
    private final Map<ChallengeTask, TxtRecord> published = new IdentityHashMap<>();
    private final Map<String, List<String>> chains = new HashMap<>();
    private final Map<String, Optional<String>> zones = new HashMap<>();

    /**
     * Creates a solver over a provider built elsewhere (a provider of the caller's own, or
     * one created with {@link DnsProviders#create}).
     *
     * @param providerName the provider's name, for the build log
     * @param provider     the provider; closed by {@link #close()}
     * @param settings     the DNS settings
     */
    public Dns01Solver(String providerName, DnsProvider provider, DnsSettings settings) {
        this(providerName, provider, settings, List.of(), PropagationCheck.Sleeper.THREAD);
    }

    Dns01Solver(String providerName, DnsProvider provider, DnsSettings settings, List<String> secrets,
            PropagationCheck.Sleeper sleeper) {
        this.providerName = Objects.requireNonNull(providerName, "providerName");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.settings = settings == null ? DnsSettings.defaults() : settings;
        this.secrets = List.copyOf(secrets);
        this.lookup = new DnsLookup(this.settings);
        this.sleeper = sleeper;
    }

    /**
     * Creates a solver for a provider found through {@link java.util.ServiceLoader} in the
     * class loader that loaded this class. Checks the options; makes no network call.
     *
     * @param providerName the provider's name, e.g. {@code rfc2136}, {@code exec},
     *                     {@code acme-dns}, {@code cloudflare}, {@code route53}
     * @param options      the provider's options as the user wrote them (no secrets)
     * @param secrets      the front end's credential store, or {@link SecretSource#NONE}
     * @param settings     the DNS settings
     * @return the solver
     * @throws InvalidInputException naming {@code dns.provider} or each wrong option
     *                               ({@code dns.<option>})
     * @throws AcmeCertificateException if the secret source fails
     */
    public static Dns01Solver create(String providerName, Map<String, String> options, SecretSource secrets,
            DnsSettings settings) throws AcmeCertificateException {
        return create(providerName, options, secrets, settings, Dns01Solver.class.getClassLoader());
    }

    /**
     * Creates a solver for a provider found through {@link java.util.ServiceLoader} in the
     * given class loader (a Jenkins plugin's or a Maven plugin realm's). Checks the options;
     * makes no network call.
     *
     * @param providerName the provider's name
     * @param options      the provider's options as the user wrote them (no secrets)
     * @param secrets      the front end's credential store, or {@link SecretSource#NONE}
     * @param settings     the DNS settings
     * @param loader       the class loader that sees the provider artifacts
     * @return the solver
     * @throws InvalidInputException naming {@code dns.provider} or each wrong option
     * @throws AcmeCertificateException if the secret source fails
     */
    public static Dns01Solver create(String providerName, Map<String, String> options, SecretSource secrets,
            DnsSettings settings, ClassLoader loader) throws AcmeCertificateException {
        var factory = DnsProviders.require(providerName, loader);
        var config = DnsProviders.config(factory, options, secrets, settings);
        var provider = factory.create(config);
        return new Dns01Solver(factory.name(), provider, config.settings(), config.secretValues(), PropagationCheck.Sleeper.THREAD);
    }

    @Override
    public String challengeType() {
        return TYPE;
    }

    @Override
    public String describe() {
        return redact("DNS-01 through " + provider.describe());
    }

    /**
     * Returns the provider's name.
     *
     * @return e.g. {@code rfc2136}
     */
    public String providerName() {
        return providerName;
    }

    @Override
    public void validate(List<SubjectName> names) throws InvalidInputException {
        var addresses = names.stream().filter(n -> n.type() == SubjectName.Type.IP).map(SubjectName::value).toList();
        if (!addresses.isEmpty()) {
            throw new InvalidInputException("challenge", "DNS-01 cannot validate IP addresses ("
                    + String.join(", ", addresses) + "): CAs validate IP addresses with http-01 or tls-alpn-01 only "
                    + "(RFC 8738). Use http-01 for them, or issue them in a separate certificate");
        }
        provider.validate(names);
    }

    @Override
    public void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        var safe = safe(listener);
        var challengeName = task.dnsRecordName();
        var name = followCnames(challengeName, safe);
        var zone = zoneOf(name);
        var record = new TxtRecord(challengeName, name, task.dnsTxtValue(), zone.orElse(null));
        try {
            provider.addTxtRecord(record, safe);
        } catch (AcmeCertificateException ex) {
            throw guard(ex);
        } catch (RuntimeException ex) {
            throw guard(new AcmeCertificateException("The " + providerName + " DNS provider failed to add the TXT "
                    + "record " + record + ": " + ex, ex));
        }
        synchronized (published) {
            published.put(task, record);
        }
        safe.report(Stage.CHALLENGE, "Added the TXT record for " + subject(task) + " at " + record
                + zone.map(z -> " in zone " + z).orElse("") + " through " + providerName);
    }

    private static String subject(ChallengeTask task) {
        return (task.wildcard() ? "*." : "") + task.domain();
    }

    private String followCnames(String challengeName, ProgressListener listener) {
        if (!settings.followCnames()) {
            return challengeName;
        }
        var chain = chains.get(challengeName);
        if (chain == null) {
            try {
                chain = lookup.cnameChain(challengeName);
            } catch (IOException ex) {
                listener.report(Stage.WARNING, "Could not look up a CNAME at " + challengeName + " through "
                        + lookup.resolversDescription() + " (" + ex.getMessage() + "); writing the record there");
                chain = List.of(TxtRecord.fqdn(challengeName));
            }
            chains.put(challengeName, chain);
            if (chain.size() > 1) {
                listener.report(Stage.CHALLENGE, "Following the CNAME chain " + String.join(" -> ", chain));
            }
        }
        return chain.get(chain.size() - 1);
    }

    private Optional<String> zoneOf(String name) {
        if (settings.skipPropagationCheck() && !settings.followCnames()) {
            // Told to ask DNS nothing: providers find the zone themselves (by API or at their nameserver).
            return Optional.empty();
        }
        return zones.computeIfAbsent(name, n -> {
            try {
                return lookup.findZone(n);
            } catch (IOException ex) {
                // The provider may find the zone itself; the propagation check reports the failure.
                return Optional.empty();
            }
        });
    }

    @Override
    public void awaitReady(List<ChallengeTask> tasks, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        var safe = safe(listener);
        if (settings.skipPropagationCheck()) {
            safe.report(Stage.CHALLENGE, "Skipping the DNS propagation check (dns.skipPropagationCheck)");
            return;
        }
        var expected = new LinkedHashMap<String, PropagationCheck.Expected>();
        synchronized (published) {
            for (var task : tasks) {
                var record = published.get(task);
                if (record == null) {
                    continue;
                }
                expected.computeIfAbsent(record.name(), n -> new PropagationCheck.Expected(n, record.toString(),
                        record.zone().orElse(null))).values.add(record.value());
            }
        }
        if (expected.isEmpty()) {
            return;
        }
        Duration timeout = settings.propagationTimeout().orElse(provider.propagationTimeout());
        Duration interval = settings.propagationInterval().orElse(provider.propagationInterval());
        try {
            new PropagationCheck(lookup, timeout, interval, sleeper).await(List.copyOf(expected.values()), safe);
        } catch (AcmeCertificateException ex) {
            throw guard(ex);
        }
    }

    @Override
    public void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        TxtRecord record;
        synchronized (published) {
            record = published.remove(task);
        }
        if (record == null) {
            return;
        }
        var safe = safe(listener);
        try {
            provider.removeTxtRecord(record, safe);
        } catch (AcmeCertificateException ex) {
            throw guard(ex);
        } catch (RuntimeException ex) {
            throw guard(new AcmeCertificateException("The " + providerName + " DNS provider failed to remove the "
                    + "TXT record " + record + ": " + ex, ex));
        }
        safe.report(Stage.CHALLENGE, "Cleaned up the TXT record for " + subject(task) + " at " + record);
    }

    @Override
    public void close() {
        try {
            provider.close();
        } catch (RuntimeException ex) {
            // close() never throws: the run's outcome is already decided.
        }
    }

    private ProgressListener safe(ProgressListener listener) {
        if (secrets.isEmpty()) {
            return listener;
        }
        return event -> listener.onProgress(new ProgressEvent(event.stage(), redact(event.message())));
    }

    private String redact(String text) {
        var result = text;
        for (var secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    /** Rebuilds an exception whose message or causes mention a secret, without those causes. */
    private AcmeCertificateException guard(AcmeCertificateException ex) {
        boolean leaks = false;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            var message = String.valueOf(t.getMessage());
            if (!redact(message).equals(message)) {
                leaks = true;
                break;
            }
        }
        if (!leaks) {
            return ex;
        }
        if (ex instanceof InvalidInputException invalid) {
            return new InvalidInputException(invalid.problems().stream()
                    .map(p -> new InvalidInputException.Problem(p.field(), redact(p.problem()))).toList());
        }
        return new AcmeCertificateException(redact(ex.getMessage()));
    }
}
