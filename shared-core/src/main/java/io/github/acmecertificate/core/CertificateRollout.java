package io.github.acmecertificate.core;

import java.util.List;

import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployPlan;
import io.github.acmecertificate.core.deploy.DeployReport;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateStore;

/**
 * The one use case both front ends run: check the deploy plan, get the certificate (issued,
 * renewed, or the stored one when not due), then deploy it to every target that does not hold
 * it yet, also when it was not due, so that a target that missed the last deploy or a new one
 * catches up. Front ends only read their parameters, call this, and report the result.
 *
 * @since 0.1.0
 */
public final class CertificateRollout {

    /**
     * The outcome: the certificate's, and each target's.
     *
     * @param certificate what happened to the certificate
     * @param deployment  each target's result, in the plan's order; empty without targets
     */
    public record Result(ProvisionResult certificate, DeployReport deployment) {
    }

    /** Told once the certificate is stored, before any deploy: front ends record or publish it there. */
    @FunctionalInterface
    public interface Provisioned {
        /** Does nothing. */
        Provisioned NOTHING = result -> { };

        /**
         * Takes the certificate's outcome.
         *
         * @param result the outcome
         * @throws AcmeCertificateException if recording it fails
         */
        void accept(ProvisionResult result) throws AcmeCertificateException;
    }

    private final CertificateProvisioner provisioner;
    private final CertificateStore store;
    private final Deployer deployer = new Deployer();

    /**
     * Creates the use case.
     *
     * @param provisioner issues and renews
     * @param store       the store the provisioner keeps certificates in, which supplies the key
     *                    store password
     */
    public CertificateRollout(CertificateProvisioner provisioner, CertificateStore store) {
        this.provisioner = provisioner;
        this.store = store;
    }

    /**
     * Provisions, then deploys.
     *
     * @param request     the certificate, checked
     * @param plan        the deploy plan; it is validated before the CA is contacted
     * @param provisioned told once the certificate is stored
     * @param listener    where progress goes
     * @return the certificate's outcome and each target's
     * @throws AcmeCertificateException for anything the user can act on; a
     *                                  {@link io.github.acmecertificate.core.deploy.DeployException}
     *                                  when a target failed (the certificate is stored)
     * @throws InterruptedException     if interrupted
     */
    public Result run(CertificateRequest request, DeployPlan plan, Provisioned provisioned, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        plan.validate();
        var result = provisioner.provision(request, listener);
        provisioned.accept(result);
        if (!plan.isEmpty() && !result.changed()) {
            listener.report(Stage.INFO, "Deploying the current certificate to the targets that do not hold it yet");
        }
        // Without targets the certificate is not read: a run found not due from its metadata
        // then parses no PEM at all.
        return new Result(result, plan.isEmpty() ? new DeployReport(List.of()) : deploy(result.bundle(), plan,
                listener));
    }

    /**
     * Deploys a stored certificate, without contacting the CA.
     *
     * @param bundle   the certificate, with its key
     * @param plan     the deploy plan
     * @param listener where progress goes
     * @return each target's result; empty without targets
     * @throws AcmeCertificateException when a target failed (the others completed) or the store
     *                                  cannot give the key store password
     * @throws InterruptedException     if interrupted
     */
    public DeployReport deploy(CertificateBundle bundle, DeployPlan plan, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        if (plan.isEmpty()) {
            return new DeployReport(List.of());
        }
        var options = plan.options();
        if (options.keystorePassword().isEmpty()) {
            var password = store.keystorePassword(bundle.metadata().name()).orElse(null);
            options = copy(options, password);
        }
        return deployer.deploy(bundle, plan.targets(), options, listener);
    }

    private static DeployOptions copy(DeployOptions options, char[] password) throws AcmeCertificateException {
        return DeployOptions.builder().parallelism(options.parallelism()).force(options.force())
                .commandTimeout(options.commandTimeout()).verifyTimeout(options.verifyTimeout())
                .keystorePassword(password).build();
    }
}
