package io.github.acmecertificate.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.acmecertificate.jenkins.run.FormChecks;
import org.junit.Test;

/**
 * The Jenkinsfile examples of the user guide, checked against the plugin without Jenkins: every
 * named argument of {@code acmeCertificate(...)}, {@code dns01(...)}, {@code sftpWebroot(...)},
 * {@code sftp(...)}, {@code deployTarget(...)}, {@code targetFile(...)},
         {@code http01(...)} and {@code webroot(...)} is a
 * parameter of its describable, and every {@code dns01} example's provider exists and its options
 * are the provider's, so the guide cannot drift from the code.
 */
public class DocsExamplesTest {

    private static final Path DOCS = Path.of("..", "docs");

    private static final Map<String, Class<?>> SYMBOLS = Map.of(
            "acmeCertificate", AcmeCertificateStep.class,
            "dns01", Dns01Challenge.class,
            "sftpWebroot", SftpWebrootChallenge.class,
            "sftp", SftpDeployTarget.class,
            "targetFile", DeployTargetFile.class,
            "http01", Http01Challenge.class,
            "webroot", WebrootChallenge.class,
            "deployTarget", GenericDeployTarget.class,
            "acmeStopManaging", AcmeStopManagingStep.class,
            "acmeRevokeCertificate", AcmeRevokeCertificateStep.class);

    private static final Pattern CALL = Pattern.compile("\\b(" + String.join("|", SYMBOLS.keySet()) + ")\\(");

    /** One call in an example: the symbol, and its named arguments with their literal values (or null). */
    record Call(Path file, String symbol, Map<String, String> arguments) {
    }

    @Test
    public void everyNamedArgumentIsAParameter() throws Exception {
        var calls = calls();
        assertTrue("the guide has Jenkins examples: " + calls.size(), calls.size() > 30);
        for (var call : calls) {
            var type = SYMBOLS.get(call.symbol());
            // Fields a describable inherits (the SSH server of sftp and sftpWebroot) are parameters too.
            var fields = java.util.stream.Stream.<Class<?>>iterate(type, c -> c != null, Class::getSuperclass)
                    .flatMap(c -> Arrays.stream(c.getDeclaredFields()))
                    .filter(f -> !Modifier.isStatic(f.getModifiers())).map(f -> f.getName()).toList();
            for (var name : call.arguments().keySet()) {
                assertTrue(call.file() + ": " + call.symbol() + "(" + name + ": ...) is not a parameter of "
                        + type.getSimpleName() + " " + fields, fields.contains(name));
            }
        }
    }

    @Test
    public void everyCertificateOfACertificatesListTakesOnlyItsParameters() throws Exception {
        var fields = Arrays.stream(AcmeCertificate.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(f -> f.getName()).toList();
        var checked = 0;
        for (var block : groovyBlocks()) {
            var maps = CERTIFICATE_MAP.matcher(block.getValue());
            while (maps.find()) {
                var arguments = arguments(block.getValue(), maps.start() + 1);
                assertTrue(block.getKey() + ": " + arguments, arguments.containsKey("credentialsId"));
                for (var name : arguments.keySet()) {
                    assertTrue(block.getKey() + ": a certificate's " + name + ": ... is not a parameter of "
                            + "AcmeCertificate " + fields, fields.contains(name));
                }
                checked++;
            }
        }
        assertTrue("the guide shows certificates lists: " + checked, checked >= 5);
    }

    @Test
    public void theScannerReadsTheMapsOfACertificatesList() {
        var code = "acmeCertificate(server: 'x', certificates: [[domains: 'a', credentialsId: 'a-tls'],\n"
                + "    [domains: 'b', credentialsId: 'b-tls', challenge: dns01(provider: 'exec')]])";
        var maps = CERTIFICATE_MAP.matcher(code);
        var keys = new ArrayList<List<String>>();
        while (maps.find()) {
            keys.add(List.copyOf(arguments(code, maps.start() + 1).keySet()));
        }
        assertEquals(List.of(List.of("domains", "credentialsId"), List.of("domains", "credentialsId", "challenge")),
                keys);
        assertEquals(List.of("server", "certificates"), List.copyOf(scan(Path.of("x.md"), code).get(0).arguments()
                .keySet()));
    }

    @Test
    public void everyDns01ExampleNamesAProviderAndItsOptions() throws Exception {
        var providers = FormChecks.dnsProviders().stream().map(Map.Entry::getKey).toList();
        var checked = 0;
        for (var call : calls()) {
            if (!call.symbol().equals("dns01")) {
                continue;
            }
            var provider = call.arguments().get("provider");
            assertTrue(call.file() + ": " + provider, providers.contains(provider));
            var options = call.arguments().get("options");
            if (options != null) {
                var check = FormChecks.dnsOptions(provider, options);
                assertNotEquals(call.file() + ": " + options + ": " + check.message(), FormChecks.Kind.ERROR,
                        check.kind());
                checked++;
            }
        }
        assertTrue("every provider page has an example", checked >= 6);
    }

    @Test
    public void theScannerReadsNestedCallsAndStrings() {
        var calls = scan(Path.of("x.md"), """
                acmeCertificate(domains: 'a,b', challenge: dns01(provider: 'exec', options: "command=/x, timeout=1"),
                        deploy: [sftp(host: 'h', files: [targetFile(source: 'privkey.pem', mode: '0600')])])
                """);
        assertEquals(List.of("acmeCertificate", "dns01", "sftp", "targetFile"), calls.stream().map(Call::symbol)
                .toList());
        assertEquals(List.of("domains", "challenge", "deploy"), List.copyOf(calls.get(0).arguments().keySet()));
        assertEquals("command=/x, timeout=1", calls.get(1).arguments().get("options"));
        assertEquals("0600", calls.get(3).arguments().get("mode"));
    }

    /** A map in a certificates list: it opens with the certificate's domains. */
    private static final Pattern CERTIFICATE_MAP = Pattern.compile("\\[\\s*domains\\s*:");

    /** The groovy blocks of the guide's Jenkins pages, each with its file. */
    private static List<Map.Entry<Path, String>> groovyBlocks() throws Exception {
        var blocks = new ArrayList<Map.Entry<Path, String>>();
        for (var file : List.of(DOCS.resolve("jenkins.md"), DOCS.resolve("deploy.md"))) {
            var matcher = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(file));
            while (matcher.find()) {
                blocks.add(Map.entry(file, matcher.group(1)));
            }
        }
        return blocks;
    }

    private static List<Call> calls() throws Exception {
        var files = new ArrayList<Path>();
        files.add(DOCS.resolve("jenkins.md"));
        files.add(DOCS.resolve("deploy.md"));
        files.add(DOCS.resolve("renewal.md"));
        try (Stream<Path> pages = Files.list(DOCS.resolve("dns"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        var calls = new ArrayList<Call>();
        for (var file : files) {
            var text = Files.readString(file);
            var blocks = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL).matcher(text);
            while (blocks.find()) {
                calls.addAll(scan(file, blocks.group(1)));
            }
        }
        return calls;
    }

    static List<Call> scan(Path file, String code) {
        var calls = new ArrayList<Call>();
        var matcher = CALL.matcher(code);
        while (matcher.find()) {
            calls.add(new Call(file, matcher.group(1), arguments(code, matcher.end())));
        }
        return calls;
    }

    /** The named arguments at the top level of the call whose arguments start at {@code start}. */
    private static Map<String, String> arguments(String code, int start) {
        var arguments = new LinkedHashMap<String, String>();
        int depth = 0;
        boolean atArgument = true;
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                int end = code.indexOf(c, i + 1);
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    break;
                }
            } else if (depth == 0 && c == ',') {
                atArgument = true;
            } else if (depth == 0 && atArgument && Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                    end++;
                }
                int colon = end;
                while (colon < code.length() && code.charAt(colon) == ' ') {
                    colon++;
                }
                atArgument = false;
                if (colon < code.length() && code.charAt(colon) == ':') {
                    var name = code.substring(i, end);
                    int value = colon + 1;
                    while (value < code.length() && Character.isWhitespace(code.charAt(value))) {
                        value++;
                    }
                    String literal = null;
                    char quote = code.charAt(value);
                    if (quote == '\'' || quote == '"') {
                        literal = code.substring(value + 1, code.indexOf(quote, value + 1));
                    }
                    arguments.put(name, literal);
                    i = colon;
                }
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                atArgument = false;
            }
        }
        return arguments;
    }
}
