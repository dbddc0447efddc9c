package io.github.acmecertificate.core.ca;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZonedDateTime;
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
 * Keeps a session's directory for a while when the CA does not say how long it may be kept.
 *
 * <p>acme4j fetches the directory again before every resource look-up (new order, new nonce,
 * new account) unless the CA sent an expiry with it; Pebble and Boulder send none. A run
 * then fetched the directory several times per certificate, and a fleet of a hundred
 * certificates hundreds of times. The directory changes rarely, so one fetch per
 * {@link #KEEP} is enough; an expiry the CA does send is respected.
 */
final class DirectoryCachingProvider implements AcmeProvider {

    /** How long a directory without an expiry is kept. */
    static final Duration KEEP = Duration.ofMinutes(10);

    private final AcmeProvider delegate;

    DirectoryCachingProvider(AcmeProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public JSON directory(Session session, URI serverUri) throws AcmeException {
        // One provider per session, so this serializes per session: concurrent certificates of a fleet would otherwise all fetch it at once.
        synchronized (this) {
            var json = delegate.directory(session, serverUri);
            if (json != null && session.getDirectoryExpires() == null) {
                session.setDirectoryExpires(ZonedDateTime.now().plus(KEEP));
            }
            return json;
        }
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
    public Challenge createChallenge(Login login, JSON data) {
        return delegate.createChallenge(login, data);
    }

    @Override
    public Optional<String> getProposedEabMacAlgorithm() {
        return delegate.getProposedEabMacAlgorithm();
    }
}
