package io.github.acmecertificate.core.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The files a deploy target can receive, each made from the certificate bundle. Their names
 * are those of the store's files (and of certbot's), so a configuration reads the same
 * everywhere.
 *
 * @since 0.1.0
 */
public enum CertificateFile {

    /** The certificate followed by its issuers, PEM: what nginx and Apache 2.4.8+ read. */
    FULLCHAIN("fullchain.pem", false),
    /** The certificate's private key, PKCS#8 PEM. */
    PRIVKEY("privkey.pem", true),
    /** The certificate alone, PEM. */
    CERT("cert.pem", false),
    /** The issuers alone, PEM. */
    CHAIN("chain.pem", false),
    /** Key and chain as PKCS#12, protected by the key store password: what Tomcat and Java servers read. */
    KEYSTORE("keystore.p12", true),
    /** The private key, then the certificate and its issuers, in one PEM file: what HAProxy reads. */
    COMBINED("combined.pem", true);

    /** Owner read/write only: the default for files that hold the private key. */
    public static final int SECRET_MODE = 0600;
    /** Readable by all: the default for certificates. */
    public static final int PUBLIC_MODE = 0644;

    private final String fileName;
    private final boolean secret;

    CertificateFile(String fileName, boolean secret) {
        this.fileName = fileName;
        this.secret = secret;
    }

    /**
     * Returns the file's name, which is also how a configuration names it as a source.
     *
     * @return e.g. {@code fullchain.pem}
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Tells whether the file holds the private key, and so needs a bundle with a key and
     * owner-only permissions by default.
     *
     * @return true for {@code privkey.pem}, {@code keystore.p12} and {@code combined.pem}
     */
    public boolean secret() {
        return secret;
    }

    /**
     * Returns the permissions a file gets unless the configuration sets others.
     *
     * @return {@link #SECRET_MODE} for secret files, {@link #PUBLIC_MODE} otherwise
     */
    public int defaultMode() {
        return secret ? SECRET_MODE : PUBLIC_MODE;
    }

    /**
     * Finds a file by its name ({@code fullchain.pem}) or its constant ({@code FULLCHAIN}),
     * ignoring case.
     *
     * @param name  the name as configured
     * @param field the configuration field, for the error
     * @return the file
     * @throws InvalidInputException naming the field and listing the accepted names
     */
    public static CertificateFile of(String name, String field) throws InvalidInputException {
        var wanted = name == null ? "" : name.strip();
        for (var file : values()) {
            if (file.fileName.equalsIgnoreCase(wanted) || file.name().equalsIgnoreCase(wanted)) {
                return file;
            }
        }
        throw new InvalidInputException(field, (wanted.isEmpty() ? "a source file is required"
                : "'" + wanted + "' is not a file this tool writes") + ". Use one of " + names());
    }

    /**
     * Lists the accepted names, for messages and documentation.
     *
     * @return e.g. {@code fullchain.pem, privkey.pem, ...}
     */
    public static String names() {
        return Arrays.stream(values()).map(CertificateFile::fileName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return fileName.toLowerCase(Locale.ROOT);
    }
}
