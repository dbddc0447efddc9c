package io.github.acmecertificate.core.store.credentials;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.AccountRecord;

/**
 * The text of an account credential: the ACME accounts kept under one credential id, one
 * section per CA, each with the account's location and its key pair in PEM.
 *
 * <pre>
 * # ACME accounts kept by ACME Certificate. One section per CA.
 * [acme-v02.api.letsencrypt.org_directory]
 * location=https://acme-v02.api.letsencrypt.org/acme/acct/123
 * -----BEGIN PRIVATE KEY-----
 * ...
 * -----BEGIN PUBLIC KEY-----
 * ...
 * </pre>
 *
 * <p>A secret text that is only a PEM key pair (a key brought by the user, say) is read as the
 * key for every CA, not yet registered: the first run registers it, or finds the account the
 * CA already has for it.
 *
 * @since 0.1.0
 */
public final class AccountDocument {

    private static final String HEADER = "# ACME accounts kept by ACME Certificate. One section per CA.";

    private final Map<String, AccountRecord> accounts;
    private final AccountRecord anyCa;

    private AccountDocument(Map<String, AccountRecord> accounts, AccountRecord anyCa) {
        this.accounts = accounts;
        this.anyCa = anyCa;
    }

    /**
     * Returns an empty document.
     *
     * @return a document with no account
     */
    public static AccountDocument empty() {
        return new AccountDocument(new LinkedHashMap<>(), null);
    }

    /**
     * Parses a document.
     *
     * @param text the secret text
     * @return the document
     * @throws IOException if a section's key or location cannot be read
     */
    public static AccountDocument parse(String text) throws IOException {
        var accounts = new LinkedHashMap<String, AccountRecord>();
        String section = null;
        String location = null;
        var pem = new StringBuilder();
        AccountRecord anyCa = null;
        for (var line : (text + "\n[]").split("\r?\n")) {
            var trimmed = line.strip();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                if (section != null) {
                    accounts.put(section, record(section, pem.toString(), location));
                } else if (!pem.toString().isBlank()) {
                    anyCa = record("(no section)", pem.toString(), null);
                }
                section = trimmed.substring(1, trimmed.length() - 1).strip();
                location = null;
                pem.setLength(0);
            } else if (trimmed.startsWith("location=")) {
                location = trimmed.substring("location=".length()).strip();
            } else if (!trimmed.startsWith("#")) {
                pem.append(line).append('\n');
            }
        }
        return new AccountDocument(accounts, anyCa);
    }

    private static AccountRecord record(String section, String pem, String location) throws IOException {
        URL url = null;
        if (location != null && !location.isEmpty()) {
            try {
                url = new URI(location).toURL();
            } catch (URISyntaxException | MalformedURLException | IllegalArgumentException ex) {
                throw new IOException("the account location of [" + section + "] is not a URL", ex);
            }
        }
        try {
            return new AccountRecord(Pem.readKeyPair(pem), url);
        } catch (IOException | RuntimeException ex) {
            throw new IOException("the account key of [" + section + "] cannot be read: " + ex.getMessage(), ex);
        }
    }

    /**
     * Returns the account kept for a CA.
     *
     * @param caKey the CA's store key
     * @return its account, or the key kept for every CA, or empty
     */
    public Optional<AccountRecord> account(String caKey) {
        return Optional.ofNullable(accounts.getOrDefault(caKey, anyCa));
    }

    /**
     * Returns a document with the account for a CA replaced, the others kept.
     *
     * @param caKey   the CA's store key
     * @param account the account
     * @return the new document
     */
    public AccountDocument with(String caKey, AccountRecord account) {
        var copy = new LinkedHashMap<>(accounts);
        copy.put(caKey, account);
        return new AccountDocument(copy, null);
    }

    /**
     * Returns a document without the account for a CA, the others kept.
     *
     * @param caKey the CA's store key
     * @return the new document
     */
    public AccountDocument without(String caKey) {
        var copy = new LinkedHashMap<>(accounts);
        copy.remove(caKey);
        return new AccountDocument(copy, null);
    }

    /**
     * Returns the CAs that have an account here.
     *
     * @return the CA store keys, in order
     */
    public java.util.Set<String> caKeys() {
        return Collections.unmodifiableSet(accounts.keySet());
    }

    /**
     * Writes the document.
     *
     * @return the secret text
     */
    public String format() {
        var out = new StringBuilder(HEADER).append('\n');
        for (var entry : accounts.entrySet()) {
            out.append('[').append(entry.getKey()).append("]\n");
            entry.getValue().location().ifPresent(url -> out.append("location=").append(url).append('\n'));
            out.append(Pem.keyPair(entry.getValue().keyPair()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "AccountDocument" + accounts.keySet();
    }
}
