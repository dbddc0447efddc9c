package io.github.acmecertificate.maven;

import java.util.Optional;

import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Reads secrets from {@code settings.xml} {@code <server>} entries, decrypting them when
 * they are encrypted with Maven's master password. Secrets never come from the POM or the
 * command line, where they would end up in build logs and shell histories.
 */
final class SettingsSecrets {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    SettingsSecrets(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    /**
     * Finds and decrypts a server entry.
     *
     * @param id       the server id, or {@code null} for none
     * @param property the user property that named it, for messages
     * @return the decrypted server, or empty when {@code id} is blank
     * @throws MojoFailureException when the id is set but no such server exists, or it cannot be decrypted
     */
    Optional<Server> server(String id, String property) throws MojoFailureException {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        var server = settings == null ? null : settings.getServer(id.strip());
        if (server == null) {
            throw new MojoFailureException("Invalid " + property + ": no <server> with id '" + id.strip()
                    + "' in settings.xml. Add one to ~/.m2/settings.xml (see the plugin's documentation)");
        }
        var result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("Cannot decrypt the settings.xml server '" + id.strip() + "': "
                        + problem.getMessage() + ". Check ~/.m2/settings-security.xml");
            }
        }
        return Optional.of(result.getServer());
    }
}
