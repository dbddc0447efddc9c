package io.github.acmecertificate.jenkins.credentials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials a build may use, in memory, standing in for
 * {@code CredentialsProvider.findCredentialById(id, type, build)}: a credential is found by its
 * id, whatever its kind, and every look-up is remembered (as Jenkins records the use with
 * {@code CredentialsProvider.track}).
 */
public final class InMemoryCredentialLookup implements CredentialLookup {

    private final Map<String, UserCredential> credentials = new LinkedHashMap<>();
    private final List<String> used = new ArrayList<>();

    public synchronized InMemoryCredentialLookup put(UserCredential credential) {
        credentials.put(credential.id(), credential);
        return this;
    }

    /** The ids looked up and found, in order. */
    public synchronized List<String> used() {
        return List.copyOf(used);
    }

    @Override
    public synchronized Optional<UserCredential> find(String id) {
        var found = Optional.ofNullable(credentials.get(id));
        found.ifPresent(c -> used.add(id));
        return found;
    }
}
