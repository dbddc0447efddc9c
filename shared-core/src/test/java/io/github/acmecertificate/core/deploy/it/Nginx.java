package io.github.acmecertificate.core.deploy.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx from Debian on free loopback ports, started and stopped by the tests: TLS from a
 * certificate and key file, and/or plain HTTP from a webroot.
 */
public final class Nginx implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final int tlsPort;
    private final int httpPort;

    private Nginx(Path dir, Process process, int tlsPort, int httpPort) {
        this.dir = dir;
        this.process = process;
        this.tlsPort = tlsPort;
        this.httpPort = httpPort;
    }

    /**
     * Starts nginx.
     *
     * @param dir       its prefix folder (configuration, pid, logs)
     * @param fullchain the certificate file to serve TLS with, or {@code null} for no TLS
     * @param privkey   its key file
     * @param httpPort  the port to serve {@code webroot} on with plain HTTP, or 0 for none
     * @param webroot   the document root for plain HTTP
     * @return the running server
     * @throws Exception if it cannot start
     */
    public static Nginx start(Path dir, Path fullchain, Path privkey, int httpPort, Path webroot) throws Exception {
        var nginx = Installed.require("nginx", "nginx");
        Files.createDirectories(dir.resolve("tmp"));
        int tlsPort = fullchain == null ? 0 : Processes.freePort();
        var conf = new ArrayList<String>();
        conf.add("worker_processes 1;");
        conf.add("daemon off;");
        conf.add("pid " + dir.resolve("nginx.pid") + ";");
        conf.add("error_log " + dir.resolve("error.log") + " info;");
        if (Installed.root()) {
            // Workers read the webroot as an unprivileged user, as on a real server.
            conf.add("user nobody nogroup;");
        }
        conf.add("events { worker_connections 64; }");
        conf.add("http {");
        conf.add("  access_log " + dir.resolve("access.log") + ";");
        for (var temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.add("  " + temp + "_temp_path " + dir.resolve("tmp").resolve(temp) + ";");
        }
        if (fullchain != null) {
            conf.add("  server {");
            conf.add("    listen 127.0.0.1:" + tlsPort + " ssl;");
            conf.add("    ssl_certificate " + fullchain + ";");
            conf.add("    ssl_certificate_key " + privkey + ";");
            conf.add("    location / { return 200 \"ok\\n\"; }");
            conf.add("  }");
        }
        if (httpPort > 0) {
            conf.add("  server {");
            conf.add("    listen 127.0.0.1:" + httpPort + ";");
            conf.add("    root " + webroot + ";");
            conf.add("    location / { default_type text/plain; }");
            conf.add("  }");
        }
        conf.add("}");
        Files.write(dir.resolve("nginx.conf"), conf);
        var log = dir.resolve("nginx.out");
        var process = Processes.start(List.of(nginx.toString(), "-p", dir.toString(), "-e",
                dir.resolve("error.log").toString(), "-c", dir.resolve("nginx.conf").toString()), log);
        try {
            Processes.awaitPort(process, tlsPort > 0 ? tlsPort : httpPort, log);
            if (tlsPort > 0 && httpPort > 0) {
                Processes.awaitPort(process, httpPort, log);
            }
        } catch (Exception ex) {
            Processes.stop(process);
            throw ex;
        }
        return new Nginx(dir, process, tlsPort, httpPort);
    }

    /**
     * Returns the command that makes this nginx load its certificate again, for a target's
     * reload command.
     *
     * @return the shell command
     */
    public String reloadCommand() {
        return Installed.find("nginx").orElseThrow() + " -p '" + dir + "' -e '" + dir.resolve("error.log") + "' -c '"
                + dir.resolve("nginx.conf") + "' -s reload";
    }

    /**
     * Returns the TLS port.
     *
     * @return the port
     */
    public int tlsPort() {
        return tlsPort;
    }

    /**
     * Returns the plain HTTP port.
     *
     * @return the port
     */
    public int httpPort() {
        return httpPort;
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
