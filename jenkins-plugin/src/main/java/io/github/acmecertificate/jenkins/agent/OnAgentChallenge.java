package io.github.acmecertificate.jenkins.agent;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;
import io.github.acmecertificate.jenkins.challenge.Dns01Spec;
import io.github.acmecertificate.jenkins.challenge.SolverContext;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;

/**
 * A challenge answered on the agent of the enclosing {@code node} block: the same challenge (its
 * record and its description do not change), whose solver is built and run on the agent. The
 * credential it names is looked up on the controller, as the build may use it, and sent to the
 * agent with the challenge's options, as {@code withCredentials} would.
 *
 * @param challenge the challenge, as plain serializable values
 * @param agent     the agent
 * @since 0.1.0
 */
public record OnAgentChallenge(ChallengeSpec challenge, AgentChannel agent) implements ChallengeSpec {

    /**
     * Tells whether a challenge can be answered on an agent this way.
     *
     * @param challenge the challenge
     * @return true if its options can be sent to an agent
     */
    public static boolean supports(ChallengeSpec challenge) {
        return challenge instanceof Serializable;
    }

    @Override
    public String type() {
        return challenge.type();
    }

    @Override
    public ChallengeDescription description() {
        return challenge.description();
    }

    @Override
    public Map<String, String> options() {
        return challenge.options();
    }

    @Override
    public ChallengeSolver createSolver(SolverContext context) throws AcmeCertificateException {
        UserCredential credential = null;
        if (challenge instanceof Dns01Spec dns && !dns.credentialsId().isEmpty()) {
            credential = context.credentials().find(dns.credentialsId()).orElse(null);
        }
        try {
            return AgentSolver.open(agent, new Recipe(challenge, credential));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while building the challenge on the agent", ex);
        }
    }

    @Override
    public boolean answerableFromController() {
        return challenge.answerableFromController();
    }

    @Override
    public Optional<String> controllerAccess() {
        return challenge.controllerAccess();
    }

    @Override
    public String describe() {
        return challenge.describe();
    }

    /** Builds the challenge's solver on the agent, with the one credential it names. */
    private record Recipe(ChallengeSpec challenge, UserCredential credential) implements SolverRecipe {
        @Override
        public ChallengeSolver create() throws AcmeCertificateException {
            CredentialLookup lookup = id -> Optional.ofNullable(credential).filter(c -> c.id().equals(id));
            // The challenges sent to agents write no known_hosts files (only sftpWebroot does, on the controller).
            return challenge.createSolver(SolverContext.of(lookup, new KnownHostsFiles()));
        }
    }
}
