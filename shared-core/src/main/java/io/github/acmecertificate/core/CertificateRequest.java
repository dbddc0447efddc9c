package io.github.acmecertificate.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.account.AccountOptions;
import io.github.acmecertificate.core.account.ExternalAccountBinding;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.ca.ProfileCheck;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.name.SubjectNames;
import io.github.acmecertificate.core.renewal.RenewalPolicy;
import io.github.acmecertificate.core.store.FileStore;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Everything one run needs to know, checked as a whole before any network call.
 *
 * <p>Front ends fill a {@link Builder} with what the user wrote (strings, as they come from
 * a POM, a command line or a Jenkinsfile); {@link Builder#build()} parses and checks every
 * field and reports all problems at once, each naming its field.
 *
 * @since 0.1.0
 */
public final class CertificateRequest {

    /** How long to wait for the CA at each step unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final List<SubjectName> names;
    private final CertificateAuthority ca;
    private final AccountOptions account;
    private final KeyType keyType;
    private final boolean reuseKey;
    private final byte[] csr;
    private final String preferredChain;
    private final ChallengeSolver solver;
    private final RenewalPolicy renewal;
    private final Duration timeout;
    private final boolean nameDefaulted;
    private final String profile;

    private CertificateRequest(Builder b, String name, List<SubjectName> names, CertificateAuthority ca,
            KeyType keyType, byte[] csr, String email, ExternalAccountBinding eab, Duration renewBefore) {
        this.name = name;
        this.names = List.copyOf(names);
        this.ca = ca;
        this.account = new AccountOptions(Optional.ofNullable(email), b.acceptTermsOfService,
                Optional.ofNullable(eab));
        this.keyType = keyType;
        this.reuseKey = b.reuseKey;
        this.csr = csr;
        this.preferredChain = blankToNull(b.preferredChain);
        this.solver = b.solver;
        this.renewal = new RenewalPolicy(renewBefore, b.force);
        this.timeout = b.timeout;
        this.nameDefaulted = blankToNull(b.name) == null;
        this.profile = blankToNull(b.profile);
    }

    /**
     * Starts a request.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the certificate's name in the store.
     *
     * @return the name (by default the first DNS name, without a wildcard prefix)
     */
    public String name() {
        return name;
    }

    /**
     * Returns the name earlier versions stored this certificate under by default, when no
     * name was given and today's default differs (a wildcard first name): a certificate
     * stored there is still found.
     *
     * @return the earlier default name, if any
     * @since 0.1.0
     */
    public Optional<String> previousDefaultName() {
        return nameDefaulted ? SubjectNames.previousDefaultCertificateName(names) : Optional.empty();
    }

    /**
     * Returns the names to cover, normalized, first name first.
     *
     * @return the names
     */
    public List<SubjectName> names() {
        return names;
    }

    /**
     * Returns the CA.
     *
     * @return the CA
     */
    public CertificateAuthority ca() {
        return ca;
    }

    /**
     * Returns the account options.
     *
     * @return the options
     */
    public AccountOptions account() {
        return account;
    }

    /**
     * Returns the key type for new certificate keys.
     *
     * @return the key type
     */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * Tells whether to keep the stored key at renewal rather than generate a new one.
     *
     * @return true to reuse the key
     */
    public boolean reuseKey() {
        return reuseKey;
    }

    /**
     * Returns the user-supplied CSR.
     *
     * @return the DER-encoded CSR, if one was supplied
     */
    public Optional<byte[]> csr() {
        return Optional.ofNullable(csr).map(byte[]::clone);
    }

    /**
     * Returns the preferred issuer's common name.
     *
     * @return the common name, if one was given
     */
    public Optional<String> preferredChain() {
        return Optional.ofNullable(preferredChain);
    }

    /**
     * Returns the challenge solver.
     *
     * @return the solver
     */
    public ChallengeSolver solver() {
        return solver;
    }

    /**
     * Returns the renewal policy.
     *
     * @return the policy
     */
    public RenewalPolicy renewal() {
        return renewal;
    }

    /**
     * Returns how long to wait for the CA at each step.
     *
     * @return the time-out
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the certificate profile to ask the CA for (e.g. {@code shortlived}).
     *
     * @return the profile, if one was given; checked against the CA's list before ordering
     * @since 0.1.0
     */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Collects a request's fields as the user wrote them. */
    public static final class Builder {
        private String name;
        private final List<String> domains = new ArrayList<>();
        private String server;
        private Path serverTrust;
        private String serverTrustPem;
        private String email;
        private boolean acceptTermsOfService;
        private String eabKeyId;
        private String eabHmacKey;
        private String keyType;
        private boolean reuseKey;
        private Path csr;
        private String preferredChain;
        private ChallengeSolver solver;
        private String renewBefore;
        private boolean force;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String profile;

        private Builder() {
        }

        /**
         * Asks the CA for a certificate profile, which chooses the certificate's lifetime and
         * contents: Let's Encrypt offers {@code classic}, {@code tlsserver} and {@code shortlived}.
         *
         * @param profile a profile the CA lists in its directory, or {@code null} for its default
         * @return this
         * @since 0.1.0
         */
        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        /**
         * Sets the certificate's name in the store.
         *
         * @param name a name of letters, digits, dots, hyphens and underscores; default: the first DNS name
         * @return this
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Adds names to cover.
         *
         * @param names DNS names, wildcards or IP addresses
         * @return this
         */
        public Builder domains(List<String> names) {
            if (names != null) {
                names.forEach(n -> domains.addAll(SubjectNames.split(n)));
            }
            return this;
        }

        /**
         * Adds names to cover from a comma-separated list.
         *
         * @param list e.g. {@code example.com,www.example.com}
         * @return this
         */
        public Builder domains(String list) {
            domains.addAll(SubjectNames.split(list));
            return this;
        }

        /**
         * Sets the CA.
         *
         * @param server an alias such as {@code letsencrypt} or a directory URL
         * @return this
         */
        public Builder server(String server) {
            this.server = server;
            return this;
        }

        /**
         * Sets a PEM file of roots to trust for the CA's endpoint (a private CA).
         *
         * @param serverTrust the PEM file, or {@code null}
         * @return this
         */
        public Builder serverTrust(Path serverTrust) {
            this.serverTrust = serverTrust;
            return this;
        }

        /**
         * Sets the roots to trust for the CA's endpoint as PEM text, for front ends that keep
         * them in their configuration rather than in a file. Used when no file is set.
         *
         * @param pem PEM certificates, or {@code null}
         * @return this
         */
        public Builder serverTrustPem(String pem) {
            this.serverTrustPem = pem;
            return this;
        }

        /**
         * Sets the account's contact address.
         *
         * @param email an e-mail address, or {@code null}
         * @return this
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /**
         * Records the user's agreement to the CA's terms of service.
         *
         * @param accept true if the user agreed
         * @return this
         */
        public Builder acceptTermsOfService(boolean accept) {
            this.acceptTermsOfService = accept;
            return this;
        }

        /**
         * Sets the external account binding.
         *
         * @param keyId   the EAB key id, or {@code null}
         * @param hmacKey the base64url EAB HMAC key, or {@code null}
         * @return this
         */
        public Builder externalAccountBinding(String keyId, String hmacKey) {
            this.eabKeyId = keyId;
            this.eabHmacKey = hmacKey;
            return this;
        }

        /**
         * Sets the key type of new certificate keys.
         *
         * @param keyType e.g. {@code ec-p256} (default) or {@code rsa-2048}
         * @return this
         */
        public Builder keyType(String keyType) {
            this.keyType = keyType;
            return this;
        }

        /**
         * Keeps the stored key at renewal.
         *
         * @param reuseKey true to reuse
         * @return this
         */
        public Builder reuseKey(boolean reuseKey) {
            this.reuseKey = reuseKey;
            return this;
        }

        /**
         * Orders with a CSR the user made (PEM or DER) instead of a generated key.
         *
         * @param csr the CSR file, or {@code null}
         * @return this
         */
        public Builder csr(Path csr) {
            this.csr = csr;
            return this;
        }

        /**
         * Prefers the chain whose issuer has this common name, when the CA offers several.
         *
         * @param issuerCn e.g. {@code ISRG Root X1}, or {@code null}
         * @return this
         */
        public Builder preferredChain(String issuerCn) {
            this.preferredChain = issuerCn;
            return this;
        }

        /**
         * Sets how challenges are answered.
         *
         * @param solver the solver
         * @return this
         */
        public Builder challenge(ChallengeSolver solver) {
            this.solver = solver;
            return this;
        }

        /**
         * Renews when less than this remains, if earlier than the lifetime rule.
         *
         * @param isoDuration an ISO-8601 duration such as {@code P30D}, or {@code null}
         * @return this
         */
        public Builder renewBefore(String isoDuration) {
            this.renewBefore = isoDuration;
            return this;
        }

        /**
         * Renews on every run.
         *
         * @param force true to force
         * @return this
         */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Sets how long to wait for the CA at each step.
         *
         * @param timeout the time-out (default five minutes)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Parses and checks every field.
         *
         * @return the request
         * @throws InvalidInputException listing every problem found, each naming its field
         */
        public CertificateRequest build() throws InvalidInputException {
            var problems = new ArrayList<Problem>();

            CertificateAuthority ca = null;
            try {
                ca = serverTrust == null && serverTrustPem != null
                        ? CertificateAuthority.ofPem(server, serverTrustPem)
                        : CertificateAuthority.of(server, serverTrust);
            } catch (InvalidInputException ex) {
                problems.addAll(ex.problems());
            }

            byte[] csrBytes = null;
            List<String> csrNames = List.of();
            if (csr != null) {
                try {
                    var parsed = Pem.readCsr(Files.readAllBytes(csr));
                    csrBytes = parsed.getEncoded();
                    csrNames = namesOf(parsed);
                    if (csrNames.isEmpty()) {
                        problems.add(new Problem("csr", csr + " names no domain or IP address. Put the names in "
                                + "its subjectAltName extension"));
                    }
                } catch (IOException | RuntimeException ex) {
                    problems.add(new Problem("csr", "cannot read a certificate signing request from " + csr + ": "
                            + ex.getMessage() + ". Give a PEM or DER PKCS#10 file"));
                }
                if (keyType != null && !keyType.isBlank()) {
                    problems.add(new Problem("keyType", "cannot be used together with csr: the CSR's key is used"));
                }
                if (reuseKey) {
                    problems.add(new Problem("reuseKey", "cannot be used together with csr: the CSR's key is used"));
                }
            }

            List<SubjectName> names = List.of();
            try {
                var requested = domains.isEmpty() ? csrNames : domains;
                names = SubjectNames.parse(requested);
                if (names.isEmpty()) {
                    problems.add(new Problem("domains", "no names were given. Set domains to the names the "
                            + "certificate should cover, comma-separated, e.g. example.com,www.example.com"));
                } else if (csr != null && !csrNames.isEmpty()
                        && !new LinkedHashSet<>(names).equals(new LinkedHashSet<>(SubjectNames.parse(csrNames)))) {
                    problems.add(new Problem("domains", "the names (" + SubjectNames.format(names)
                            + ") differ from the CSR's (" + String.join(", ", csrNames)
                            + "). Leave domains empty to use the CSR's names"));
                }
                if (names.size() > 100) {
                    problems.add(new Problem("domains", names.size() + " names were given; CAs accept at most 100 "
                            + "per certificate. Split them over several certificates"));
                }
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem("domains", ex.getMessage()));
            }

            String certName = blankToNull(name);
            if (certName == null && !names.isEmpty()) {
                certName = SubjectNames.defaultCertificateName(names);
            }
            if (certName != null && !FileStore.isValidName(certName)) {
                problems.add(new Problem("name", "'" + certName + "' cannot be used as the certificate's name. Use "
                        + "letters, digits, '.', '-' and '_' (not starting with '.')"));
            }

            KeyType type = KeyType.EC_P256;
            if (keyType != null && !keyType.isBlank()) {
                var parsed = KeyType.fromId(keyType);
                if (parsed.isEmpty()) {
                    problems.add(new Problem("keyType", "'" + keyType + "' is not a known key type. Use one of "
                            + KeyType.ids()));
                } else {
                    type = parsed.get();
                }
            }

            Duration before = Values.duration("renewBefore", renewBefore, problems);

            var mail = blankToNull(email);
            if (mail != null) {
                mail = mail.startsWith("mailto:") ? mail.substring(7) : mail;
                if (!mail.matches("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+")) {
                    problems.add(new Problem("email", "'" + email + "' is not an e-mail address"));
                }
            }

            ExternalAccountBinding eab = null;
            if (blankToNull(eabKeyId) != null || blankToNull(eabHmacKey) != null) {
                try {
                    eab = ExternalAccountBinding.of(eabKeyId, eabHmacKey);
                } catch (InvalidInputException ex) {
                    problems.addAll(ex.problems());
                }
            }

            if (solver == null) {
                problems.add(new Problem("challenge", "no challenge was chosen. Use one of "
                        + String.join(", ", ChallengeType.ids())));
            } else if (!names.isEmpty()) {
                try {
                    solver.validate(names);
                } catch (InvalidInputException ex) {
                    problems.addAll(ex.problems());
                }
            }

            try {
                ProfileCheck.parse(profile);
            } catch (InvalidInputException ex) {
                problems.addAll(ex.problems());
            }

            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add(new Problem("timeout", "must be a positive duration"));
            }

            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new CertificateRequest(this, certName, names, ca, type, csrBytes, mail, eab, before);
        }

        private static List<String> namesOf(PKCS10CertificationRequest csr) {
            var result = new ArrayList<String>();
            for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (var value : attribute.getAttrValues()) {
                    var extensions = Extensions.getInstance(value);
                    var san = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                    if (san == null) {
                        continue;
                    }
                    for (var generalName : san.getNames()) {
                        if (generalName.getTagNo() == GeneralName.dNSName) {
                            result.add(generalName.getName().toString());
                        } else if (generalName.getTagNo() == GeneralName.iPAddress) {
                            var octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(generalName.getName())
                                    .getOctets();
                            try {
                                result.add(java.net.InetAddress.getByAddress(octets).getHostAddress());
                            } catch (java.net.UnknownHostException ex) {
                                // Not a valid address length: ignored, the CA would refuse it.
                            }
                        }
                    }
                }
            }
            if (result.isEmpty()) {
                for (var rdn : csr.getSubject().getRDNs(BCStyle.CN)) {
                    result.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
                }
            }
            return result;
        }
    }
}
