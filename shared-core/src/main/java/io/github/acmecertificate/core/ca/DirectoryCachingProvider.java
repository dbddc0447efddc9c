package io.github.acmecertificate.core.ca;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZonedDateTime;

import org.shredzone.acme4j.Session;
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
final class DirectoryCachingProvider extends ForwardingProvider {

    /** How long a directory without an expiry is kept. */
    static final Duration KEEP = Duration.ofMinutes(10);

    DirectoryCachingProvider(AcmeProvider delegate) {
        super(delegate);
    }

    /** Every session's client is created here, the outermost provider: its selector thread ends at exit. */
    @Override
    public HttpClient createHttpClient(NetworkSettings networkSettings) {
        var client = super.createHttpClient(networkSettings);
        SelectorThreads.endAtExit(client);
        return client;
    }

    @Override
    public JSON directory(Session session, URI serverUri) throws AcmeException {
        // One provider per session, so this serializes per session: concurrent certificates of a fleet would otherwise all fetch it at once.
        synchronized (this) {
            var json = super.directory(session, serverUri);
            if (json != null && session.getDirectoryExpires() == null) {
                session.setDirectoryExpires(ZonedDateTime.now().plus(KEEP));
            }
            return json;
        }
    }
}
