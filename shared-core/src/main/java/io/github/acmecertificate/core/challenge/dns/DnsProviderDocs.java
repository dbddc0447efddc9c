package io.github.acmecertificate.core.challenge.dns;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renders a provider's options as the Markdown table its documentation page shows, so the
 * page is generated from, and checked against, the provider's own metadata.
 *
 * <p>A page holds the table between {@link #BEGIN} and {@link #END}; each provider module
 * has a test that compares that part of {@code docs/dns/<name>.md} with
 * {@link #optionTable(DnsProviderFactory)}.
 *
 * @since 0.1.0
 */
public final class DnsProviderDocs {

    /** The line before the generated table. */
    public static final String BEGIN = "<!-- BEGIN OPTIONS: generated from the provider's metadata; a test checks it -->";
    /** The line after the generated table. */
    public static final String END = "<!-- END OPTIONS -->";

    private static final Pattern SECTION = Pattern.compile(Pattern.quote(BEGIN) + "\\R(.*?)" + Pattern.quote(END),
            Pattern.DOTALL);

    private DnsProviderDocs() {
    }

    /**
     * Renders the option table.
     *
     * @param factory the provider
     * @return the Markdown table, one line per option, ending with a line break
     */
    public static String optionTable(DnsProviderFactory factory) {
        var table = new StringBuilder();
        table.append("| Option | Required | Secret | From the credential | Default | Description |\n");
        table.append("| --- | --- | --- | --- | --- | --- |\n");
        for (var option : factory.options()) {
            table.append("| `").append(option.key()).append("` | ")
                    .append(option.required() ? "yes" : "no").append(" | ")
                    .append(option.secret() ? "yes: credentials or `" + option.fileKey() + "`" : "no").append(" | ")
                    .append(switch (option.credential()) {
                        case USERNAME -> "username";
                        case SECRET -> "password or secret text";
                        case NONE -> "";
                    }).append(" | ")
                    .append(option.defaultValue().map(v -> "`" + v + "`").orElse("")).append(" | ")
                    .append(option.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    /**
     * Extracts the generated part of a page.
     *
     * @param page the page's Markdown
     * @return the text between {@link #BEGIN} and {@link #END}, if both are there
     */
    public static Optional<String> generatedPart(String page) {
        var matcher = SECTION.matcher(page.replace("\r\n", "\n"));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
