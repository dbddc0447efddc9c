package io.github.acmecertificate.core.deploy;

import java.util.List;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * Where a certificate goes after it is issued, and how: the targets and the deploy options.
 * The key store password comes from the certificate store unless the options name one.
 *
 * @param targets the targets, deployed in parallel and reported in this order
 * @param options parallelism, force, time-outs, and a key store password that overrides the store's
 * @since 0.1.0
 */
public record DeployPlan(List<DeployTarget> targets, DeployOptions options) {

    /** No deploy. */
    public static final DeployPlan NONE = new DeployPlan(List.of(), DeployOptions.defaults());

    /**
     * Creates a plan.
     *
     * @param targets the targets, or {@code null} for none
     * @param options the options, or {@code null} for the defaults
     */
    public DeployPlan {
        targets = targets == null ? List.of() : List.copyOf(targets);
        options = options == null ? DeployOptions.defaults() : options;
    }

    /**
     * Tells whether there is nothing to deploy to.
     *
     * @return true without targets
     */
    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /**
     * Checks the targets with the options before anything is contacted: names, files, and that
     * a key store password will be there (the store always has one once the certificate is saved).
     *
     * @return this plan
     * @throws InvalidInputException naming every field that is wrong
     */
    public DeployPlan validate() throws InvalidInputException {
        if (!targets.isEmpty()) {
            Deployer.validate(targets, options, true);
        }
        return this;
    }
}
