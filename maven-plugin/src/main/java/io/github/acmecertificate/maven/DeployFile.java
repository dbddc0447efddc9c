package io.github.acmecertificate.maven;

/** One {@code <file>} of a target: which certificate file goes to which path, with which mode and owner. */
public class DeployFile {

    /** {@code fullchain.pem}, {@code privkey.pem}, {@code cert.pem}, {@code chain.pem}, {@code keystore.p12} or {@code combined.pem}. */
    String source;
    /** Absolute, or relative to the target's directory; the source's name in the directory by default. */
    String path;
    /** Octal mode such as {@code 0640}; 0600 for keys and 0644 for certificates by default. */
    String mode;
    /** Owner, by name or numeric id. */
    String owner;
    /** Group, by name or numeric id. */
    String group;
}
