package io.github.acmecertificate.jenkins.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.acmecertificate.jenkins.security.BuildAuthorization.Decision;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Identity;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Visibility;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Where;
import org.junit.Test;

/**
 * The authorization table: {SYSTEM build, user without Administer, administrator} x every
 * privileged action x {on the controller, on an agent} x {administrator switch off, on}.
 *
 * <p>Each row lists, per identity, four outcomes in this order: controller with the switch
 * off, controller with the switch on, agent with the switch off, agent with the switch on
 * ({@code A} allowed, {@code R} refused). The credential rows use the facts Jenkins reports for
 * one scenario: a GLOBAL certificate credential of the job's folder that only administrators
 * were granted Credentials/UseItem on. A SYSTEM build may use it (it sees every GLOBAL
 * credential of its folders, as {@code withCredentials} does), a user without the grant may
 * not; neither where the step runs nor the switches change anything for credentials.
 */
public class BuildAuthorizationTest {

    private enum Action {
        EXEC, WEBROOT, HTTP01, CONTROLLER_FILES, CLOUD_DEFAULT_CHAIN, READ_CERTIFICATE, REPLACE_OWN_CREDENTIAL,
        REPLACE_FOREIGN_CREDENTIAL, TAKE_OVER_RECORD
    }

    //                                        SYSTEM  USER    ADMIN
    private static final Map<Action, String> TABLE = Map.of(
            Action.EXEC,                       "RAAA  RAAA  AAAA",
            Action.WEBROOT,                    "RAAA  RAAA  AAAA",
            Action.HTTP01,                     "RAAA  RAAA  AAAA",
            Action.CONTROLLER_FILES,           "RAAA  RAAA  AAAA",
            Action.CLOUD_DEFAULT_CHAIN,        "RAAA  RAAA  AAAA",
            Action.READ_CERTIFICATE,           "AAAA  RRRR  AAAA",
            Action.REPLACE_OWN_CREDENTIAL,     "AAAA  RRRR  AAAA",
            Action.REPLACE_FOREIGN_CREDENTIAL, "RRRR  RRRR  RRRR",
            Action.TAKE_OVER_RECORD,           "RRRR  RRRR  RRRR");

    /** What Jenkins' lookup with the build's authentication reports for the scenario's credential. */
    private static Visibility scenario(Identity identity) {
        return identity == Identity.USER ? Visibility.HIDDEN : Visibility.USABLE;
    }

    private static ControllerUse use(Action action) {
        return switch (action) {
            case EXEC -> ControllerUse.EXEC;
            case WEBROOT -> ControllerUse.WEBROOT;
            case HTTP01 -> ControllerUse.HTTP01;
            case CONTROLLER_FILES -> ControllerUse.FILES;
            case CLOUD_DEFAULT_CHAIN -> ControllerUse.CLOUD_IDENTITY;
            default -> null;
        };
    }

    private static Decision decide(Identity identity, Action action, Where where, boolean switchOn) {
        var use = use(action);
        Set<ControllerUse> allowed = switchOn && use != null ? EnumSet.of(use)
                : switchOn ? EnumSet.allOf(ControllerUse.class) : Set.of();
        var rules = new BuildAuthorization(identity, identity == Identity.SYSTEM ? "SYSTEM" : "alice", allowed);
        return switch (action) {
            case READ_CERTIFICATE -> rules.readCredential("web-tls", scenario(identity));
            case REPLACE_OWN_CREDENTIAL -> rules.replaceCredential("web-tls", scenario(identity), true);
            case REPLACE_FOREIGN_CREDENTIAL -> rules.replaceCredential("web-tls", scenario(identity), false);
            case TAKE_OVER_RECORD -> rules.takeOverRecord("web-tls", "team/site", "other/attacker");
            default -> rules.controllerUse(use, where, "the challenge");
        };
    }

    @Test
    public void everyCellOfTheTable() {
        var mismatches = new ArrayList<String>();
        int cells = 0;
        for (var action : Action.values()) {
            var row = TABLE.get(action).replace(" ", "");
            int column = 0;
            for (var identity : Identity.values()) {
                for (var where : List.of(Where.CONTROLLER, Where.AGENT)) {
                    for (var switchOn : List.of(false, true)) {
                        var expected = row.charAt(column++) == 'A';
                        var decision = decide(identity, action, where, switchOn);
                        cells++;
                        if (decision.allowed() != expected) {
                            mismatches.add(action + " / " + identity + " / " + where + " / switch "
                                    + (switchOn ? "on" : "off") + ": expected " + (expected ? "allowed" : "refused")
                                    + ", got " + decision);
                        }
                        assertFalse(decision.message().isBlank());
                    }
                }
            }
        }
        assertEquals(Action.values().length * 3 * 2 * 2, cells);
        assertEquals(String.join("\n", mismatches), List.of(), mismatches);
    }

    @Test
    public void aRefusalOnTheControllerSaysTheThreeWaysThere() {
        for (var use : ControllerUse.values()) {
            var decision = new BuildAuthorization(Identity.SYSTEM, "SYSTEM", Set.of())
                    .controllerUse(use, Where.CONTROLLER, "dns01(provider: 'exec')");
            assertFalse(decision.allowed());
            var message = decision.message();
            assertTrue(message, message.startsWith("dns01(provider: 'exec') " + use.action() + " on the controller"));
            assertTrue(message, message.contains("SYSTEM (no authenticator such as Authorize Project is configured"));
            assertEquals(message, use.agentReady(), message.contains("inside a node block"));
            assertTrue(message, message.contains("tick '" + use.switchTitle() + "' under Manage Jenkins > System > "
                    + "ACME Certificate"));
            assertTrue(message, message.contains("sftpWebroot, or dns01 with a credential"));
            assertTrue(message, message.contains("run the job as an administrator (with Authorize Project)"));
        }
        var user = new BuildAuthorization(Identity.USER, "alice", Set.of())
                .controllerUse(ControllerUse.WEBROOT, Where.CONTROLLER, "webroot(path: '/srv/www')");
        assertTrue(user.message(), user.message().contains("it runs as alice (without Overall/Administer)"));
    }

    @Test
    public void aSwitchAllowsOnlyItsOwnKind() {
        var rules = new BuildAuthorization(Identity.SYSTEM, "SYSTEM", Set.of(ControllerUse.WEBROOT));
        assertTrue(rules.controllerUse(ControllerUse.WEBROOT, Where.CONTROLLER, "webroot").allowed());
        for (var other : EnumSet.complementOf(EnumSet.of(ControllerUse.WEBROOT))) {
            assertFalse(other.name(), rules.controllerUse(other, Where.CONTROLLER, "x").allowed());
        }
    }

    @Test
    public void credentialRefusalsSayWhyAndWhatToDo() {
        var rules = new BuildAuthorization(Identity.USER, "alice", Set.of());
        var hidden = rules.readCredential("web-tls", Visibility.HIDDEN);
        assertTrue(hidden.message(), hidden.message().contains("'web-tls' exists, but this build may not use it"));
        assertTrue(hidden.message(), hidden.message().contains("SYSTEM-scoped"));
        var foreign = new BuildAuthorization(Identity.ADMINISTRATOR, "root", Set.of())
                .replaceCredential("web-tls", Visibility.USABLE, false);
        assertFalse(foreign.allowed());
        assertTrue(foreign.message(), foreign.message().contains("not written by the acmeCertificate step"));
        assertTrue(foreign.message(), foreign.message().contains("Choose another id, or delete that credential"));
        var account = rules.useOwnCredential("acme-account-x", false);
        assertFalse(account.allowed());
        assertTrue(account.message(), account.message().contains("accountCredentialsId"));
        assertTrue(rules.useOwnCredential("acme-account-x", true).allowed());
    }

    @Test
    public void aRecordIsTakenOverOnlyFromNoJobOrTheSameJob() {
        var rules = new BuildAuthorization(Identity.ADMINISTRATOR, "root", EnumSet.allOf(ControllerUse.class));
        assertTrue(rules.takeOverRecord("web-tls", "", "team/site").allowed());
        assertTrue(rules.takeOverRecord("web-tls", "team/site", "team/site").allowed());
        var other = rules.takeOverRecord("web-tls", "team/site", "other/job");
        assertFalse(other.allowed());
        assertTrue(other.message(), other.message().contains("managed for the job 'team/site'"));
        assertTrue(other.message(), other.message().contains("stop managing it first"));
    }

    @Test
    public void dnsHostAccessPhrasesAreClassified() {
        assertEquals(ControllerUse.EXEC,
                ControllerUse.ofDnsHostAccess("runs a program on this machine (the exec DNS provider)"));
        assertEquals(ControllerUse.FILES,
                ControllerUse.ofDnsHostAccess("reads the file named by the option tsigSecretFile on this machine"));
        assertEquals(ControllerUse.CLOUD_IDENTITY, ControllerUse.ofDnsHostAccess(
                "uses this machine's own AWS credentials (route53 without a credential or accessKeyId)"));
        assertEquals(ControllerUse.CLOUD_IDENTITY,
                ControllerUse.ofDnsHostAccess("uses an AWS profile of this machine (the profile option)"));
    }

    @Test
    public void theJobOrAnAdministratorStopsManagingACertificate() {
        var user = new BuildAuthorization(Identity.USER, "alice", Set.of());
        assertTrue(user.stopManaging("web-tls", "team/site", "team/site").allowed());
        var other = user.stopManaging("web-tls", "team/site", "other/job");
        assertFalse(other.allowed());
        assertTrue(other.message(), other.message().contains("only that job, or an administrator"));
        assertFalse("SYSTEM is no administrator", new BuildAuthorization(Identity.SYSTEM, "SYSTEM", Set.of())
                .stopManaging("web-tls", "team/site", "other/job").allowed());
        assertTrue(new BuildAuthorization(Identity.ADMINISTRATOR, "root", Set.of())
                .stopManaging("web-tls", "team/site", "other/job").allowed());
    }
}
