package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.config.Option.Kind;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * A deploy target type that exists only in the tests, found through the core's interface alone
 * (registered in this module's test resources, and through its test-jar in the Maven and Jenkins
 * plugins' tests): a local folder that also appends every file it writes to a journal. Proves
 * that a new destination needs no change in the core's callers nor in either front end.
 */
public final class JournalTargetFactory implements DeployTargetFactory {

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public String description() {
        return "a local folder whose writes are logged (tests only)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.of("journal", "targets.journal", Kind.PATH, "",
                "The file every written path is appended to."));
    }

    @Override
    public DeployTarget create(TargetDescription d, TargetContext context) throws AcmeCertificateException {
        if (d.get("journal") == null) {
            throw new InvalidInputException("targets.journal", "a journal target needs the journal file");
        }
        var local = DeployTargets.common(LocalTarget.builder().directory(Path.of(d.get("directory"))), d).build();
        return new Journal(local, Path.of(d.get("journal")));
    }

    /** The local target, with a connection that logs each file it creates. */
    private record Journal(LocalTarget local, Path journal) implements DeployTarget {
        @Override
        public String name() {
            return local.name();
        }

        @Override
        public String type() {
            return "journal";
        }

        @Override
        public String describe() {
            return "journal " + local.describe();
        }

        @Override
        public List<TargetFile> files() {
            return local.files();
        }

        @Override
        public Optional<String> reloadCommand() {
            return local.reloadCommand();
        }

        @Override
        public Optional<TlsCheck> tlsCheck() {
            return local.tlsCheck();
        }

        @Override
        public TargetConnection connect() throws IOException {
            var inner = local.connect();
            return (TargetConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {TargetConnection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("createFile")) {
                            Files.writeString(journal, args[0] + "\n", StandardCharsets.UTF_8,
                                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        }
                        try {
                            return method.invoke(inner, args);
                        } catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }
    }
}
