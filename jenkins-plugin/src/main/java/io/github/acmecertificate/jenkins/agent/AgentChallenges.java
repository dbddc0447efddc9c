package io.github.acmecertificate.jenkins.agent;

import java.util.LinkedHashMap;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.LookupContext;
import io.github.acmecertificate.jenkins.credentials.UserCredential;

/**
 * Builds a step's challenge on the agent of the enclosing {@code node} block: the challenge's
 * description (its type and options, plain text) and the one credential it names are sent
 * there, and the core's solver is built and run there. The credential is looked up on the
 * controller, as the build may use it, and sent as {@code withCredentials} would send it.
 *
 * @since 0.1.0
 */
public final class AgentChallenges {

    private AgentChallenges() {
    }

    /**
     * Builds the challenge's solver on the agent.
     *
     * @param agent     the agent
     * @param challenge the step's challenge
     * @param context   the credentials the build may use
     * @return the controller's handle on the solver
     * @throws AcmeCertificateException naming the option that is wrong, or if the agent cannot be reached
     */
    public static ChallengeSolver open(AgentChannel agent, ChallengeDescription description, LookupContext context)
            throws AcmeCertificateException {
        var credentialId = description.options().get("credential");
        UserCredential credential = credentialId == null || credentialId.isEmpty() ? null
                : context.credentials().find(credentialId).orElse(null);
        try {
            return AgentSolver.open(agent, new Recipe(new LinkedHashMap<>(description.toRecord()), credential));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while building the challenge on the agent", ex);
        }
    }

    /** The challenge as plain values, rebuilt and turned into a solver on the agent. */
    private record Recipe(LinkedHashMap<String, String> challenge, UserCredential credential)
            implements SolverRecipe {
        @Override
        public ChallengeSolver create() throws AcmeCertificateException {
            // The challenges sent to agents write no known_hosts files (only sftpWebroot does, on the controller).
            CredentialLookup sent = id -> Optional.ofNullable(credential).filter(c -> c.id().equals(id));
            try (var context = new LookupContext(sent)) {
                return ChallengeDescription.fromRecord(challenge).createSolver(context);
            } catch (IllegalArgumentException ex) {
                throw new AcmeCertificateException("The agent cannot read the challenge: " + ex.getMessage(), ex);
            }
        }
    }
}
