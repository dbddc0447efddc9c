package io.github.acmecertificate.jenkins.challenge;

import java.util.Map;

/**
 * Reads challenge specs back from managed-certificate records.
 *
 * @since 0.1.0
 */
public final class ChallengeSpecs {

    private ChallengeSpecs() {
    }

    /**
     * Rebuilds a spec from its type and options, as {@link ChallengeSpec#options()} wrote them.
     *
     * @param type    the type name
     * @param options the options
     * @return the spec
     * @throws IllegalArgumentException if the type is unknown or an option is malformed
     */
    public static ChallengeSpec fromRecord(String type, Map<String, String> options) {
        switch (type == null ? "" : type) {
            case Http01Spec.TYPE:
                try {
                    return new Http01Spec(options.get("address"), Integer.parseInt(options.getOrDefault("port", "80")));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("the http01 port '" + options.get("port") + "' is not a number",
                            ex);
                }
            case WebrootSpec.TYPE:
                return new WebrootSpec(options.get("path"));
            case Dns01Spec.TYPE:
                return Dns01Spec.fromOptions(options);
            case SftpWebrootSpec.TYPE:
                return SftpWebrootSpec.fromOptions(options);
            default:
                throw new IllegalArgumentException("unknown challenge type '" + type + "'");
        }
    }
}
