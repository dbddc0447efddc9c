package io.github.acmecertificate.jenkins.agent;

import java.io.Serializable;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * How to build a solver, sent to the agent and run there: plain data (a challenge's options,
 * the credential it names), never a live object of the controller.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SolverRecipe extends Serializable {

    /**
     * Builds the solver, on the agent.
     *
     * @return a new solver
     * @throws AcmeCertificateException naming the option that is wrong
     */
    ChallengeSolver create() throws AcmeCertificateException;
}
