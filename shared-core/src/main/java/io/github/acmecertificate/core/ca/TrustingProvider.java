package io.github.acmecertificate.core.ca;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Wraps a CA's provider so that its HTTP client trusts the given roots, and only those.
 * Everything else, including the CA's quirks, stays with the wrapped provider.
 */
final class TrustingProvider implements AcmeProvider {

    private final AcmeProvider delegate;
    private final SSLContext sslContext;

    TrustingProvider(AcmeProvider delegate, SSLContext sslContext) {
        this.delegate = delegate;
        this.sslContext = sslContext;
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
        var builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(networkSettings.getTimeout())
                .proxy(networkSettings.getProxySelector())
                .sslContext(sslContext);
        if (networkSettings.getAuthenticator() != null) {
            builder.authenticator(networkSettings.getAuthenticator());
        }
        return builder.build();
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
