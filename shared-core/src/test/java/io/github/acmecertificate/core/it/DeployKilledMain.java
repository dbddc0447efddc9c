package io.github.acmecertificate.core.it;

import java.nio.file.Path;
import java.util.List;

import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.LocalTarget;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.store.FileStore;

/**
 * A deploy that a test kills during its reload command. Arguments: store folder, certificate
 * name, target folder, reload command.
 */
public final class DeployKilledMain {

    private DeployKilledMain() {
    }

    public static void main(String[] args) throws Exception {
        var bundle = new FileStore(Path.of(args[0])).load(args[1]).orElseThrow();
        var target = LocalTarget.builder().name("web").directory(Path.of(args[2]))
                .file("fullchain.pem", "fullchain.pem").file("privkey.pem", "privkey.pem")
                .reloadCommand(args[3]).build();
        new Deployer().deploy(bundle, List.of(target), DeployOptions.defaults(), ProgressListener.NONE);
    }
}
