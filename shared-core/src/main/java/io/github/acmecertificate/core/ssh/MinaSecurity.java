package io.github.acmecertificate.core.ssh;

/**
 * Keeps the SSH library from installing Bouncy Castle JVM-wide.
 *
 * <p>Apache MINA SSHD uses Bouncy Castle (for Ed25519 and OpenSSH key files), and by default
 * also adds it to {@code java.security}'s providers. Code that looks algorithms up by name
 * then gets Bouncy Castle's implementations where it used to get the JDK's (an EC key read
 * from PEM becomes an "ECDSA" key, which the JDK's PKCS#12 writer refuses beside an "EC"
 * certificate). Telling MINA to use its provider instance directly keeps the JVM as it was.
 * A value the user set explicitly is left alone; the setting only counts before the library
 * first initializes, so every SSH entry point calls {@link #configure()} first.
 */
final class MinaSecurity {

    static final String BC_USE_NAMED = "org.apache.sshd.security.provider.BC.useNamed";

    static {
        if (System.getProperty(BC_USE_NAMED) == null) {
            System.setProperty(BC_USE_NAMED, "false");
        }
    }

    private MinaSecurity() {
    }

    /** Applies the setting (once, when this class initializes). */
    static void configure() {
        // The static initializer does the work.
    }
}
