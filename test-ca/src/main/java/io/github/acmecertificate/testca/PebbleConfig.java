package io.github.acmecertificate.testca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;

/** Writes Pebble's JSON configuration file ({@code {"pebble": {...}}}). */
final class PebbleConfig {

    static final String FILE_NAME = "pebble-config.json";

    private PebbleConfig() {
    }

    static Path write(Path directory, PebbleOptions options, HttpsCertificates certificates,
            int listenPort, int managementPort, int httpPort, int tlsPort) throws IOException {
        StringJoiner fields = new StringJoiner(",\n    ", "{\n  \"pebble\": {\n    ", "\n  }\n}\n");
        fields.add("\"listenAddress\": " + Json.quote("127.0.0.1:" + listenPort));
        fields.add("\"managementListenAddress\": " + Json.quote("127.0.0.1:" + managementPort));
        fields.add("\"certificate\": " + Json.quote(certificates.localhostPem().toString()));
        fields.add("\"privateKey\": " + Json.quote(certificates.localhostKey().toString()));
        fields.add("\"httpPort\": " + httpPort);
        fields.add("\"tlsPort\": " + tlsPort);
        // Empty: issued certificates carry no OCSP URL that would point nowhere.
        fields.add("\"ocspResponderURL\": \"\"");
        fields.add("\"externalAccountBindingRequired\": " + !options.externalAccountKeys().isEmpty());
        StringJoiner keys = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, String> key : options.externalAccountKeys().entrySet()) {
            keys.add(Json.quote(key.getKey()) + ": " + Json.quote(key.getValue()));
        }
        fields.add("\"externalAccountMACKeys\": " + keys);
        StringJoiner blocked = new StringJoiner(", ", "[", "]");
        options.blockedDomains().forEach(domain -> blocked.add(Json.quote(domain)));
        fields.add("\"domainBlocklist\": " + blocked);
        if (options.certificateValidity() != null) {
            fields.add("\"certificateValidityPeriod\": " + options.certificateValidity().getSeconds());
        }
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, fields.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
