package io.github.acmecertificate.jenkins.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * Decides what a build's {@code acmeCertificate} step may do beyond its own build, with the
 * build's authentication, in one place: use the machine it runs on (a program, files, a port,
 * the machine's cloud identity), read and replace credentials, and take over the renewal
 * record of a certificate.
 *
 * <p>The rules, and why:
 * <ul>
 * <li>A build runs as SYSTEM unless an administrator has configured an authenticator (Authorize
 * Project or another {@code QueueItemAuthenticator}); SYSTEM then means "not configured", so it
 * counts as no one in particular, never as an administrator.</li>
 * <li>On an agent (inside a {@code node} block) the work may use the machine: any pipeline
 * author can already do as much there with {@code sh}.</li>
 * <li>On the controller it may only when the build runs as an administrator, or when an
 * administrator has switched that kind of use on in the global configuration.</li>
 * <li>A credential is read only when the build could use it itself (as {@code withCredentials}
 * would: never a SYSTEM-scoped one), and replaced only when, in addition, this plugin wrote
 * it; a job never takes over the renewal record of another job.</li>
 * </ul>
 * Every refusal says how to get there.
 *
 * @since 0.1.0
 */
public final class BuildAuthorization {

    /** Who a build runs as, as far as these rules care. */
    public enum Identity {
        /** SYSTEM: no authenticator is configured. Counts as no one in particular. */
        SYSTEM,
        /** A user (or anonymous) without Overall/Administer. */
        USER,
        /** A user with Overall/Administer. */
        ADMINISTRATOR
    }

    /** Where the work runs. */
    public enum Where {
        /** On the Jenkins controller (the step outside any {@code node} block, or the scheduled renewal). */
        CONTROLLER,
        /** On the agent of the enclosing {@code node} block. */
        AGENT
    }

    /** Whether the build could use an existing credential itself. */
    public enum Visibility {
        /** The build's authentication may use it (as {@code withCredentials} would). */
        USABLE,
        /** It exists, but the build may not use it: SYSTEM scope, or outside what the build sees. */
        HIDDEN
    }

    /**
     * The answer to one question.
     *
     * @param allowed true if allowed
     * @param message why: for a refusal, what to do to get there
     */
    public record Decision(boolean allowed, String message) {
        /**
         * Creates a decision.
         *
         * @param allowed true if allowed
         * @param message why
         */
        public Decision {
            Objects.requireNonNull(message, "message");
        }

        static Decision allow(String message) {
            return new Decision(true, message);
        }

        static Decision refuse(String message) {
            return new Decision(false, message);
        }

        /**
         * Goes on only when allowed.
         *
         * @throws StoreException with the refusal's message, saying what to do
         */
        public void require() throws StoreException {
            if (!allowed) {
                throw new StoreException(message, null);
            }
        }
    }

    /** Where the administrator's switches are. */
    public static final String SETTINGS = "Manage Jenkins > System > ACME Certificate";

    private final Identity identity;
    private final String name;
    private final Set<ControllerUse> allowedOnController;

    /**
     * Creates the rules for one build.
     *
     * @param identity            who the build runs as
     * @param name                the authentication's name, for messages
     * @param allowedOnController the kinds an administrator has allowed on the controller
     */
    public BuildAuthorization(Identity identity, String name, Set<ControllerUse> allowedOnController) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.name = name == null ? "" : name;
        this.allowedOnController = allowedOnController.isEmpty() ? EnumSet.noneOf(ControllerUse.class)
                : EnumSet.copyOf(allowedOnController);
    }

    /**
     * Describes who the build runs as, for messages.
     *
     * @return e.g. {@code SYSTEM (no authenticator such as Authorize Project is configured)}
     */
    public String who() {
        return switch (identity) {
            case SYSTEM -> "SYSTEM (no authenticator such as Authorize Project is configured, so it counts as no one "
                    + "in particular)";
            case USER -> name + " (without Overall/Administer)";
            case ADMINISTRATOR -> name + " (an administrator)";
        };
    }

    /**
     * Decides whether the work may use the machine it runs on in this way.
     *
     * @param use   the kind of use
     * @param where where the work runs
     * @param what  the option that asks for it, as a step argument reads, e.g. {@code webroot(path: '/srv')}
     * @return the decision
     */
    public Decision controllerUse(ControllerUse use, Where where, String what) {
        if (where == Where.AGENT) {
            return Decision.allow(what + " " + use.action() + " on the agent of the enclosing node block, as the "
                    + "build's own sh steps may");
        }
        if (identity == Identity.ADMINISTRATOR) {
            return Decision.allow(what + " " + use.action() + " on the controller: the build runs as " + who());
        }
        if (allowedOnController.contains(use)) {
            return Decision.allow(what + " " + use.action() + " on the controller: an administrator allowed it ('"
                    + use.switchTitle() + "')");
        }
        return Decision.refuse(what + " " + use.action() + " on the controller, which this build may not do: it runs "
                + "as " + who() + ". " + (use.agentReady() ? "Run the step inside a node block, so that it "
                + use.action() + " on that agent; or have" : "Have") + " an administrator tick '" + use.switchTitle()
                + "' under " + SETTINGS + "; or run the job as an administrator (with Authorize Project); or use a "
                + "challenge that only talks to the network (sftpWebroot, or dns01 with a credential)");
    }

    /**
     * Decides whether the step may read an existing credential (a certificate's key, to renew or
     * deploy it).
     *
     * @param id         the credential's id
     * @param visibility whether the build could use it itself
     * @return the decision
     */
    public Decision readCredential(String id, Visibility visibility) {
        if (visibility == Visibility.USABLE) {
            return Decision.allow("the build may use the credential '" + id + "'");
        }
        return Decision.refuse(hidden(id));
    }

    private String hidden(String id) {
        return "The credential '" + id + "' exists, but this build may not use it: it runs as " + who() + ", and the "
                + "credential is SYSTEM-scoped or outside the credentials this job may use. Choose another id, or have "
                + "an administrator make it a GLOBAL-scoped credential of this job's folder that the job may use";
    }

    /**
     * Decides whether the step may replace the content of an existing credential.
     *
     * @param id         the credential's id
     * @param visibility whether the build could use it itself
     * @param owned      whether this plugin wrote it (its own record of the credential matches the content)
     * @return the decision
     */
    public Decision replaceCredential(String id, Visibility visibility, boolean owned) {
        if (visibility != Visibility.USABLE) {
            return Decision.refuse(hidden(id));
        }
        if (!owned) {
            return Decision.refuse("The credential '" + id + "' was not written by the acmeCertificate step, which "
                    + "replaces only the credentials it wrote itself (replacing it would lose its content). Choose "
                    + "another id, or delete that credential first");
        }
        return Decision.allow("the credential '" + id + "' was written by this plugin and the build may use it");
    }

    /**
     * Decides whether the step may read or replace one of the plugin's own internal credentials
     * (the SYSTEM-scoped account key), which no build can use directly.
     *
     * @param id    the credential's id
     * @param owned whether this plugin wrote it
     * @return the decision
     */
    public Decision useOwnCredential(String id, boolean owned) {
        if (owned) {
            return Decision.allow("the credential '" + id + "' was written by this plugin");
        }
        return Decision.refuse("The credential '" + id + "' was not written by the acmeCertificate step, which uses "
                + "only account key credentials it created itself. Choose another accountCredentialsId, or delete "
                + "that credential if it is an account key of an earlier version (a new account is then registered)");
    }

    /**
     * Decides whether a job may issue into a credential whose renewal record another job holds.
     *
     * @param id        the credential's id
     * @param recordJob the job named by the existing record, empty when there is none (or none is named)
     * @param job       the job running the step
     * @return the decision
     */
    public Decision takeOverRecord(String id, String recordJob, String job) {
        if (recordJob == null || recordJob.isEmpty() || recordJob.equals(job)) {
            return Decision.allow("the credential '" + id + "' is not managed for another job");
        }
        return Decision.refuse("The certificate credential '" + id + "' is managed for the job '" + recordJob
                + "', and another job may not take it over (it would renew and deploy it as it pleases). Choose "
                + "another credentialsId; or stop managing it first (Manage Jenkins > ACME certificates, or "
                + "acmeCertificate(unmanage: true, ...) from '" + recordJob + "'), which an administrator or that "
                + "job can do");
    }

    /**
     * Decides whether a build may stop the plugin managing a certificate (remove its renewal
     * record): the job the record belongs to may, and so may a build running as an administrator.
     *
     * @param id        the credential's id
     * @param recordJob the job named by the record, possibly empty
     * @param job       the job running the step
     * @return the decision
     */
    public Decision stopManaging(String id, String recordJob, String job) {
        if (recordJob == null || recordJob.isEmpty() || recordJob.equals(job) || identity == Identity.ADMINISTRATOR) {
            return Decision.allow("the build may stop managing the credential '" + id + "'");
        }
        return Decision.refuse("The certificate credential '" + id + "' is managed for the job '" + recordJob
                + "': only that job, or an administrator (Manage Jenkins > ACME certificates, or a build running as "
                + "one), may stop managing it");
    }

    /**
     * Decides whether a build may revoke a managed certificate: as for stopping to manage it,
     * the job the record belongs to may, and so may a build running as an administrator.
     *
     * @param id        the credential's id
     * @param recordJob the job named by the record, possibly empty
     * @param job       the job running the step
     * @return the decision
     */
    public Decision revoke(String id, String recordJob, String job) {
        if (recordJob == null || recordJob.isEmpty() || recordJob.equals(job) || identity == Identity.ADMINISTRATOR) {
            return Decision.allow("the build may revoke the certificate '" + id + "'");
        }
        return Decision.refuse("The certificate credential '" + id + "' is managed for the job '" + recordJob
                + "': only that job, or a build running as an administrator, may revoke it. Run the revocation "
                + "from '" + recordJob + "'");
    }
}
