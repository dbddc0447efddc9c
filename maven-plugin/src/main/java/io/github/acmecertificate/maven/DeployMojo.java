package io.github.acmecertificate.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRollout;
import io.github.acmecertificate.core.deploy.DeployPlan;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.name.SubjectNames;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys a stored certificate to the configured {@code <targets>} without contacting the CA:
 * after fixing a target that failed, or to bring a new server up to date. Targets that already
 * hold the certificate are left alone unless {@code acme.deploy.force} is set.
 */
@Mojo(name = "deploy", requiresProject = false, threadSafe = true)
public class DeployMojo extends AbstractAcmeMojo {

    /** The certificate's name in the store; defaults to the first of {@code domains}. */
    @Parameter(property = "acme.name")
    private String name;

    /** The certificate's names, only used to find its default name. */
    @Parameter(property = "acme.domains")
    private List<String> domains;

    @Override
    protected void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        // Every input problem in one message, before the store is touched.
        var problems = new ArrayList<Problem>();
        String certificateName = null;
        try {
            certificateName = certificateName();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        DeployPlan plan = null;
        try {
            plan = deployment().build().deployPlan(new Deployments(secrets()));
            if (plan.isEmpty()) {
                problems.add(new Problem("targets", "no deploy target is configured. Add <targets><target> "
                        + "entries to the plugin's configuration (see the deploy guide)"));
            }
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var fileStore = new FileStore(store.toPath(), keystorePassword());
        var stored = certificateName;
        if (fileStore.load(stored).isEmpty() && previousDefaultName().isPresent()) {
            // Stored by an earlier version under the base name of its wildcard.
            stored = previousDefaultName().get();
        }
        // Under the name's lock: a renewal running meanwhile cannot hand over its new key with the old certificate.
        try (var lock = fileStore.lock(stored, CertificateProvisioner.LOCK_TIMEOUT, listener)) {
            var name = stored;
            var bundle = fileStore.load(stored).orElseThrow(() -> new InvalidInputException("name",
                    "no certificate named '" + name + "' is stored in " + store
                            + ". Run acme:issue first, or check acme.name and acme.store"));
            if (!bundle.keyMatchesCertificate()) {
                throw new AcmeCertificateException("The private key stored with certificate " + stored + " in " + store
                        + " does not belong to its certificate (serial " + bundle.serialNumber() + "). Nothing was "
                        + "deployed. Run acme:issue with acme.force=true to store a matching pair");
            }
            var report = new CertificateRollout(new CertificateProvisioner(fileStore), fileStore).deploy(bundle, plan,
                    listener);
            getLog().info(report.summary());
        }
    }

    private Optional<String> previousDefaultName() {
        if (name != null && !name.isBlank()) {
            return Optional.empty();
        }
        try {
            var parsed = SubjectNames.parse(domains == null ? List.of()
                    : domains.stream().flatMap(d -> SubjectNames.split(d).stream()).toList());
            return parsed.isEmpty() ? Optional.empty() : SubjectNames.previousDefaultCertificateName(parsed);
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private String certificateName() throws InvalidInputException {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        var names = domains == null ? List.<String>of() : domains.stream().flatMap(d -> SubjectNames.split(d).stream())
                .toList();
        try {
            var parsed = SubjectNames.parse(names);
            if (!parsed.isEmpty()) {
                return SubjectNames.defaultCertificateName(parsed);
            }
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("domains", ex.getMessage());
        }
        throw new InvalidInputException("name", "say which stored certificate to deploy: set acme.name (or "
                + "acme.domains, whose first name is the default name)");
    }
}
