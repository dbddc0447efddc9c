package io.github.acmecertificate.core.challenge.dns;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Assume;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real BIND 9 ({@code named} from Debian's bind9 package) on 127.0.0.1 and a free port,
 * authoritative for generated zones that a TSIG key may update, for DNS-01 tests.
 *
 * <pre>{@code
 * try (var bind = BindServer.start(new BindServer.Zone("example.test")
 *         .grant("_acme-challenge.example.test."))) {
 *     // send RFC 2136 updates to bind.server() signed with bind.keyName() / bind.tsigSecret()
 *     assertEquals(List.of(), bind.txt("_acme-challenge.example.test."));
 * }
 * }</pre>
 *
 * <p>Each zone has the nameserver {@code ns1.<zone>} at 127.0.0.1 (plus any extra NS the
 * test adds), so the propagation check finds BIND through the zone's own NS records when
 * it asks on {@link #port()}. Queries that ask for recursion are also answered for CNAME
 * chains that cross from one of its zones into another, as the CA's resolver would; the
 * propagation check asks without recursion and gets authoritative answers. Starts in about
 * 0.1 s.
 */
public final class BindServer implements AutoCloseable {

    /** The TSIG key that may update the zones, as the zones' update-policy names it. */
    public static final String KEY_NAME = "acme-update.";
    /** The key's algorithm. */
    public static final String ALGORITHM = "hmac-sha256";

    private static final String INSTALL_HINT = "Install Debian's bind9 package (apt-get install -y bind9 "
            + "bind9-utils), which provides named and nsupdate.";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** One zone: its name, extra records, and the names the key may update (TXT only). */
    public static final class Zone {
        final String name;
        final List<String> records = new ArrayList<>();
        final List<String> grants = new ArrayList<>();

        /**
         * Creates a zone with its SOA, {@code NS ns1.<zone>} and {@code ns1 A 127.0.0.1}.
         *
         * @param name e.g. {@code example.test}
         */
        public Zone(String name) {
            this.name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }

        /**
         * Adds records in zone-file syntax, relative to the zone.
         *
         * @param lines e.g. {@code "ns2 A 127.0.0.2"} or {@code "_acme-challenge.alias CNAME target.other.test."}
         * @return this
         */
        public Zone records(String... lines) {
            records.addAll(List.of(lines));
            return this;
        }

        /**
         * Lets the key update the TXT records at these names, and nothing else: the least
         * privilege the rfc2136 provider needs.
         *
         * @param names fully qualified names, e.g. {@code _acme-challenge.example.test.}
         * @return this
         */
        public Zone grant(String... names) {
            grants.addAll(List.of(names));
            return this;
        }
    }

    private final Path directory;
    private final int port;
    private final String secret;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private BindServer(Path directory, int port, String secret, Process process, Path log) {
        this.directory = directory;
        this.port = port;
        this.secret = secret;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "bind-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Finds {@code named} on {@code PATH} or in {@code /usr/sbin}.
     *
     * @return the binary, if installed
     */
    public static Optional<Path> named() {
        return binary("named");
    }

    /**
     * Finds {@code nsupdate} on {@code PATH} or in {@code /usr/bin}.
     *
     * @return the binary, if installed
     */
    public static Optional<Path> nsupdate() {
        return binary("nsupdate");
    }

    private static Optional<Path> binary(String name) {
        var dirs = new ArrayList<String>(List.of(String.valueOf(System.getenv("PATH")).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /**
     * Skips the calling test when BIND is missing, or fails it on a CI server ({@code CI=true}),
     * so the DNS tests can never be skipped there unnoticed.
     */
    public static void assumeInstalled() {
        require(named().isPresent() && nsupdate().isPresent(), "named and nsupdate are not installed. "
                + INSTALL_HINT);
    }

    /**
     * Skips, or on a CI server fails, when a condition does not hold.
     *
     * @param condition the condition
     * @param message   what is missing and how to install it
     */
    public static void require(boolean condition, String message) {
        if (condition) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assume.assumeTrue(message, false);
    }

    /**
     * Starts BIND with these zones and waits until it answers.
     *
     * @param zones the zones
     * @return the running server; close it when done
     * @throws IOException if named is missing or does not answer in time (the message ends
     *                     with its log)
     */
    public static BindServer start(Zone... zones) throws IOException {
        var binary = named().orElseThrow(() -> new IOException("named was not found. " + INSTALL_HINT));
        var directory = Files.createTempDirectory("bind-");
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        var secret = Base64.getEncoder().encodeToString(key);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                return launch(binary, directory, port, secret, zones);
            } catch (IOException ex) {
                last = ex;
                if (!ex.getMessage().contains("address in use")) {
                    break;
                }
            }
        }
        deleteRecursively(directory);
        throw last;
    }

    private static BindServer launch(Path binary, Path directory, int port, String secret, Zone[] zones)
            throws IOException {
        var conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(directory).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  pid-file none;\n  session-keyfile none;\n")
                // Recursion for loopback clients makes BIND also play the CA's resolver, which follows a
                // CNAME into another of its zones (an authoritative-only answer stops at the CNAME).
                .append("  recursion yes;\n  allow-recursion { 127.0.0.1; };\n")
                .append("  dnssec-validation no;\n  notify no;\n")
                .append("};\n")
                .append("controls { };\n")
                .append(keyStatement(secret));
        for (var zone : zones) {
            var file = directory.resolve(zone.name + ".zone");
            var body = new StringBuilder();
            body.append("$TTL 60\n")
                    .append("@ IN SOA ns1.").append(zone.name).append(". hostmaster.").append(zone.name)
                    .append(". 1 60 60 600 60\n")
                    .append("@ IN NS ns1.").append(zone.name).append(".\n")
                    .append("ns1 IN A 127.0.0.1\n");
            zone.records.forEach(r -> body.append(r).append('\n'));
            Files.writeString(file, body.toString(), StandardCharsets.US_ASCII);
            conf.append("zone \"").append(zone.name).append("\" {\n  type primary;\n  file \"").append(file)
                    .append("\";\n");
            if (zone.grants.isEmpty()) {
                conf.append("  allow-update { none; };\n");
            } else {
                conf.append("  update-policy {\n");
                zone.grants.forEach(g -> conf.append("    grant ").append(KEY_NAME).append(" name ").append(g)
                        .append(g.endsWith(".") ? "" : ".").append(" TXT;\n"));
                conf.append("  };\n");
            }
            conf.append("};\n");
        }
        var confFile = directory.resolve("named.conf");
        Files.writeString(confFile, conf.toString(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("update.key"), keyStatement(secret), StandardCharsets.US_ASCII);

        var log = directory.resolve("named.log");
        var process = new ProcessBuilder(binary.toString(), "-g", "-4", "-n", "1", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var server = new BindServer(directory, port, secret, process, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                var text = server.log();
                server.stop();
                throw new IOException("named exited with status " + process.exitValue() + ":\n" + text);
            }
            if (server.answers(zones.length == 0 ? "." : zones[0].name + ".")) {
                return server;
            }
            sleep(20);
        }
        var text = server.log();
        server.close();
        throw new IOException("named did not answer within " + START_TIMEOUT + ":\n" + text);
    }

    private static String keyStatement(String secret) {
        return "key \"" + KEY_NAME + "\" {\n  algorithm " + ALGORITHM + ";\n  secret \"" + secret + "\";\n};\n";
    }

    private boolean answers(String zone) {
        try {
            var resolver = resolver();
            resolver.setTimeout(Duration.ofMillis(200));
            var response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA,
                    DClass.IN)));
            return response.getRcode() == Rcode.NOERROR;
        } catch (IOException ex) {
            return false;
        }
    }

    /**
     * Returns the port BIND listens on (UDP and TCP), on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the address as Pebble's {@code -dnsserver} and the settings want it.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Returns the TSIG key's secret (base64), generated for this instance.
     *
     * @return the secret
     */
    public String tsigSecret() {
        return secret;
    }

    /**
     * Returns a file with the key statement, for {@code nsupdate -k}.
     *
     * @return the key file
     */
    public Path keyFile() {
        return directory.resolve("update.key");
    }

    /**
     * Returns BIND's log so far.
     *
     * @return the log text
     */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    /**
     * Asks BIND for the TXT values at a name.
     *
     * @param name a fully qualified name
     * @return the values, empty if there are none
     * @throws IOException if BIND does not answer
     */
    public List<String> txt(String name) throws IOException {
        var owner = Name.fromString(name.endsWith(".") ? name : name + ".");
        var query = Message.newQuery(Record.newRecord(owner, Type.TXT, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        var response = resolver().send(query);
        var values = new ArrayList<String>();
        for (var record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && record.getName().equals(owner)) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    /**
     * Replaces the TXT values at a name with a signed update, as an acme-dns server or a
     * script would.
     *
     * @param zone   the zone, e.g. {@code acmedns.test.}
     * @param name   the fully qualified name
     * @param values the new values; empty to delete the set
     * @throws IOException if BIND refuses or does not answer
     */
    public void replaceTxt(String zone, String name, List<String> values) throws IOException {
        var update = new Update(Name.fromString(zone.endsWith(".") ? zone : zone + "."));
        var owner = Name.fromString(name.endsWith(".") ? name : name + ".");
        update.delete(owner, Type.TXT);
        for (var value : values) {
            update.add(new TXTRecord(owner, DClass.IN, 60, value));
        }
        var resolver = resolver();
        resolver.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, Name.fromString(KEY_NAME), Base64.getDecoder().decode(secret)));
        var response = resolver.send(update);
        if (response.getRcode() != Rcode.NOERROR) {
            throw new IOException("BIND refused the update of " + name + ": " + Rcode.string(response.getRcode()));
        }
    }

    private SimpleResolver resolver() {
        var resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    /** Stops BIND and deletes its directory. Safe to call more than once. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ex) {
            // The JVM is already shutting down; the hook does the work.
        }
    }

    private synchronized void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(directory);
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            int candidate;
            try (var tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                candidate = tcp.getLocalPort();
            }
            try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate))) {
                return udp.getLocalPort();
            } catch (IOException ex) {
                // The UDP port is taken: try another.
            }
        }
        throw new IOException("no free port with both TCP and UDP free on 127.0.0.1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ex) {
            // Best effort: a temporary directory.
        }
    }

    /**
     * Describes the instance.
     *
     * @return the address and directory
     */
    @Override
    public String toString() {
        return "BindServer[" + address() + ", " + directory + "]";
    }
}
