package io.github.acmecertificate.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code deployTarget(type: 'vault', options: [name: 'vault1', path: 'secret/tls/example.com'], files: [...])}:
 * a deploy target of any type the core finds through its {@code ServiceLoader}, such as one an
 * artifact bundled with the plugin adds, with the options that type declares (credential ids
 * only, never secrets). A new destination is usable from a Jenkinsfile without a change here.
 * {@code options} is kept as {@code key=value} text, as in {@code dns01(options: ...)} and the form;
 * a Pipeline map is turned into that text when the step is read ({@link DescriptorImpl#customInstantiate}).
 *
 * @since 0.1.0
 */
public class GenericDeployTarget implements AcmeDeployTarget {

    private final String type;
    private String options;
    private List<DeployTargetFile> files = new ArrayList<>();

    /**
     * Creates the target.
     *
     * @param type the name of the target type, e.g. {@code sftp}
     */
    @DataBoundConstructor
    public GenericDeployTarget(String type) {
        this.type = Forms.trim(type);
    }

    /**
     * Returns the type.
     *
     * @return its name
     */
    public String getType() {
        return type;
    }

    /**
     * Returns the options.
     *
     * @return {@code key=value} pairs, or {@code null}
     */
    public String getOptions() {
        return options;
    }

    /**
     * Sets the type's options, those every target has ({@code name}, {@code directory},
     * {@code reloadCommand}, {@code verifyTls}, {@code tlsServerName}) and its own.
     *
     * @param options {@code key=value} pairs, comma-separated or one per line
     */
    @DataBoundSetter
    public void setOptions(String options) {
        this.options = Forms.trim(options);
    }

    /**
     * Returns the files.
     *
     * @return the files, possibly none
     */
    public List<DeployTargetFile> getFiles() {
        return files == null ? List.of() : List.copyOf(files);
    }

    /**
     * Sets what goes where; without files, {@code fullchain.pem} and {@code privkey.pem}.
     *
     * @param files the files
     */
    @DataBoundSetter
    public void setFiles(List<DeployTargetFile> files) {
        this.files = files == null ? new ArrayList<>() : new ArrayList<>(files);
    }

    /**
     * Writes options given as a map as the {@code key=value} text {@link #setOptions} takes.
     *
     * @param options a map of options, or text (returned as it is)
     * @return the text
     * @throws IllegalArgumentException if a value holds a line break, which the text cannot carry
     */
    static Object optionsText(Object options) {
        if (!(options instanceof Map<?, ?> map)) {
            return options;
        }
        var pairs = new LinkedHashMap<String, String>();
        map.forEach((key, value) -> {
            var text = String.valueOf(value);
            if (text.contains("\n") || text.contains("\r")) {
                throw new IllegalArgumentException("deployTarget options: the value of " + key + " holds a line "
                        + "break. Write the options as text, one key=value per line, or leave that value out");
            }
            pairs.put(String.valueOf(key), text);
        });
        return Values.keyValues(pairs);
    }

    @Override
    public TargetDescription toDescription() throws InvalidInputException {
        return new TargetDescription(type, Values.keyValues("targets.options", options),
                getFiles().stream().map(DeployTargetFile::toEntry).toList());
    }

    /** Its descriptor, with the symbol {@code deployTarget}. */
    @Extension
    @Symbol("deployTarget")
    public static class DescriptorImpl extends AcmeDeployTargetDescriptor implements CustomDescribableModel {

        /**
         * Reads {@code options: [key: 'value', ...]} in a Jenkinsfile as the {@code key=value} text
         * the target keeps.
         *
         * @param arguments the arguments as the Pipeline wrote them
         * @return the same, with a map of options as text
         */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            var result = new LinkedHashMap<>(arguments);
            result.computeIfPresent("options", (key, value) -> optionsText(value));
            return result;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "A deploy target of another type";
        }

        /**
         * Lists the target types this plugin finds, but a folder on the controller.
         *
         * @return every type's name, with its description
         */
        public ListBoxModel doFillTypeItems() {
            var model = new ListBoxModel();
            FormChecks.targetTypes().forEach(type -> model.add(type.getKey() + " - " + type.getValue(), type.getKey()));
            return model;
        }

        /**
         * Checks the options against the type's declarations.
         *
         * @param value the options
         * @param type  the type chosen
         * @return the check
         */
        public FormValidation doCheckOptions(@QueryParameter String value, @QueryParameter String type) {
            return Forms.validation(FormChecks.targetOptions(type, value));
        }
    }
}
