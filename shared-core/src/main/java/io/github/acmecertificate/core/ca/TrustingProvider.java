package io.github.acmecertificate.core.ca;

import java.net.http.HttpClient;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.AcmeProvider;

/**
 * Wraps a CA's provider so that its HTTP client trusts the given roots, and only those.
 * Everything else, including the CA's quirks, stays with the wrapped provider.
 */
final class TrustingProvider extends ForwardingProvider {

    private final SSLContext sslContext;

    TrustingProvider(AcmeProvider delegate, SSLContext sslContext) {
        super(delegate);
        this.sslContext = sslContext;
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
}
