package io.github.acmecertificate.core.ca;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.util.Optional;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * A CA provider that hands every call to another, so that a wrapper overrides only the one
 * behaviour it changes (the trusted roots, how long a directory is kept) and keeps the CA's
 * own quirks.
 */
abstract class ForwardingProvider implements AcmeProvider {

    private final AcmeProvider delegate;

    ForwardingProvider(AcmeProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean accepts(URI serverUri) {
        return delegate.accepts(serverUri);
    }

    @Override
    public URL resolve(URI serverUri) {
        return delegate.resolve(serverUri);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings networkSettings) {
        return delegate.createHttpClient(networkSettings);
    }

    @Override
    public Connection connect(URI serverUri, NetworkSettings networkSettings, HttpClient httpClient) {
        return delegate.connect(serverUri, networkSettings, httpClient);
    }

    @Override
    public JSON directory(Session session, URI serverUri) throws AcmeException {
        return delegate.directory(session, serverUri);
    }

    @Override
    public Challenge createChallenge(Login login, JSON data) {
        return delegate.createChallenge(login, data);
    }

    @Override
    public Optional<String> getProposedEabMacAlgorithm() {
        return delegate.getProposedEabMacAlgorithm();
    }
}
