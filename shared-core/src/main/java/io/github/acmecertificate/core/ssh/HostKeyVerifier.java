package io.github.acmecertificate.core.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Accepts a server's host key only when a known_hosts entry for the host (and port) holds
 * it, or its fingerprint is pinned (when both are given, both must agree); remembers why it refused, so that the error can say
 * "unknown host" or "the key changed" and show the fingerprint presented.
 */
final class HostKeyVerifier implements ServerKeyVerifier {

    private static final String REVOKED = "@revoked";
    private static final String CERT_AUTHORITY = "@cert-authority";

    private final SshEndpoint endpoint;
    private final List<PublicKey> known;
    private final List<PublicKey> revoked;
    private volatile String rejection;
    private volatile String accepted;

    private HostKeyVerifier(SshEndpoint endpoint, List<PublicKey> known, List<PublicKey> revoked) {
        this.endpoint = endpoint;
        this.known = known;
        this.revoked = revoked;
    }

    /** Reads the endpoint's known_hosts entries (if it uses a file) at connection time. */
    static HostKeyVerifier forEndpoint(SshEndpoint endpoint) throws IOException {
        var known = new ArrayList<PublicKey>();
        var revoked = new ArrayList<PublicKey>();
        if (endpoint.knownHosts().isPresent()) {
            var file = endpoint.knownHosts().get();
            for (var entry : KnownHostEntry.readKnownHostEntries(file)) {
                var marker = entry.getMarker();
                if (CERT_AUTHORITY.equals(marker) || entry.getKeyEntry() == null
                        || !entry.isHostMatch(endpoint.host(), endpoint.port())) {
                    continue;
                }
                try {
                    var key = entry.getKeyEntry().resolvePublicKey(null, Collections.emptyMap(),
                            PublicKeyEntryResolver.IGNORING);
                    if (key != null) {
                        (REVOKED.equals(marker) ? revoked : known).add(key);
                    }
                } catch (GeneralSecurityException | RuntimeException ex) {
                    // An entry with a key type this client cannot read cannot match either.
                }
            }
        }
        return new HostKeyVerifier(endpoint, known, revoked);
    }

    /**
     * The key types the host is known with, so that the client asks for one of those
     * rather than be shown another valid key of the same host and refuse it; empty when
     * fingerprints are pinned (their type is not known).
     */
    Set<String> knownKeyTypes() {
        var types = new LinkedHashSet<String>();
        for (var key : known) {
            types.add(KeyUtils.getKeyType(key));
        }
        return types;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        var presented = KeyUtils.getKeyType(serverKey) + " key " + fingerprint(serverKey);
        if (endpoint.knownHosts().isPresent()) {
            var file = endpoint.knownHosts().get();
            if (revoked.stream().anyMatch(key -> KeyUtils.compareKeys(key, serverKey))) {
                rejection = "presented the " + presented + ", which " + file + " marks as revoked";
                return false;
            }
            if (known.stream().anyMatch(key -> KeyUtils.compareKeys(key, serverKey))) {
                if (!endpoint.hostKeyFingerprints().isEmpty() && !pinned(serverKey)) {
                    // Both were given: both must agree, the pin is not a fallback.
                    rejection = "presented the " + presented + ", which " + file + " knows but which does NOT "
                            + "match the pinned hostKeyFingerprint " + String.join(", ", endpoint.hostKeyFingerprints())
                            + ". Both checks apply when both are set: fix the pin or the known_hosts entry, after "
                            + "checking the server's key with its administrator";
                    return false;
                }
                accepted = presented + ", known from " + file
                        + (endpoint.hostKeyFingerprints().isEmpty() ? "" : " and pinned");
                return true;
            }
            if (known.isEmpty()) {
                rejection = "is not in " + file + " (it presented the " + presented + "). If that is the "
                        + "server's key (check with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` on the server), add "
                        + "it with `ssh-keyscan -p " + endpoint.port() + " " + endpoint.host() + " >> " + file
                        + "`, or pin it with hostKeyFingerprint";
            } else {
                rejection = "presented the " + presented + ", which does NOT match its entry in " + file
                        + ". The server's key changed, or someone is intercepting the connection: check with the "
                        + "server's administrator before updating known_hosts";
            }
            return false;
        }
        if (pinned(serverKey)) {
            accepted = presented + ", pinned";
            return true;
        }
        rejection = "presented the " + presented + ", which does NOT match the pinned hostKeyFingerprint "
                + String.join(", ", endpoint.hostKeyFingerprints()) + ". The server's key changed, or someone is "
                + "intercepting the connection: check with the server's administrator before changing the pin. "
                + "(A server with several host keys shows its Ed25519 key if it has one: pin that key's "
                + "fingerprint, `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the server)";
        return false;
    }

    private boolean pinned(PublicKey serverKey) {
        var actual = fingerprint(serverKey);
        for (var pinned : endpoint.hostKeyFingerprints()) {
            if (MessageDigest.isEqual(pinned.getBytes(StandardCharsets.US_ASCII),
                    actual.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** Why the host key was refused, if it was. */
    String rejection() {
        return rejection;
    }

    /** Which key was accepted and why, for the log. */
    String accepted() {
        return accepted;
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
