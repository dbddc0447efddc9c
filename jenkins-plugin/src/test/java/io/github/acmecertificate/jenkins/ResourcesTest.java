package io.github.acmecertificate.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;

/**
 * The UI resources, checked without Jenkins: every page parses, and every parameter of every
 * describable has a form field and a help page (what the Snippet Generator and the global
 * configuration show).
 */
public class ResourcesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path PACKAGE = RESOURCES.resolve("io/github/acmecertificate/jenkins");

    @Test
    public void everyPageIsWellFormed() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var pages = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            files.filter(f -> f.toString().endsWith(".jelly") || f.toString().endsWith(".html")).forEach(pages::add);
        }
        assertTrue(pages.size() > 20);
        for (var page : pages) {
            try {
                factory.newDocumentBuilder().parse(page.toFile());
            } catch (Exception ex) {
                throw new AssertionError(page + " is not well-formed: " + ex.getMessage(), ex);
            }
        }
    }

    @Test
    public void everyParameterHasAFieldAndHelp() throws Exception {
        for (var type : List.of(AcmeCertificateStep.class, Http01Challenge.class, WebrootChallenge.class,
                Dns01Challenge.class, SftpWebrootChallenge.class, SftpDeployTarget.class, GenericDeployTarget.class,
                DeployTargetFile.class, AcmeGlobalConfiguration.class, AcmeServer.class, AcmeStopManagingStep.class,
                AcmeRevokeCertificateStep.class)) {
            var folder = PACKAGE.resolve(type.getSimpleName());
            var jelly = Files.readString(folder.resolve("config.jelly"));
            for (var field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                var name = field.getName();
                assertTrue(type.getSimpleName() + " has a form field for " + name,
                        jelly.contains("field=\"" + name + "\""));
                assertTrue(type.getSimpleName() + " has help for " + name,
                        Files.isRegularFile(folder.resolve("help-" + name + ".html")));
            }
        }
        assertTrue(Files.isRegularFile(PACKAGE.resolve("AcmeCertificateStep/help.html")));
        for (var described : List.of("Dns01Challenge", "SftpWebrootChallenge", "SftpDeployTarget",
                "GenericDeployTarget", "AcmeStopManagingStep", "AcmeRevokeCertificateStep")) {
            assertTrue(described, Files.isRegularFile(PACKAGE.resolve(described + "/help.html")));
        }
        assertTrue(Files.isRegularFile(PACKAGE.resolve("AcmeCertificateMonitor/message.jelly")));
        for (var page : List.of("AcmeCertificatesLink/index.jelly", "AcmeCertificatesLink/certificate.jelly",
                "AcmeAccountLink/index.jelly")) {
            assertTrue(page, Files.isRegularFile(PACKAGE.resolve(page)));
        }
    }

    @Test
    public void theStepParametersAreTheDocumentedOnes() {
        var names = new ArrayList<String>();
        for (var field : AcmeCertificateStep.class.getDeclaredFields()) {
            names.add(field.getName());
        }
        assertEquals(List.of("domains", "credentialsId", "server", "acceptTermsOfService", "email",
                "accountCredentialsId", "challenge", "keyType", "renewBefore", "profile", "force", "deploy", "deployParallelism",
                "deployForce", "deployCommandTimeout", "deployVerifyTimeout", "keystorePasswordCredentialsId"), names);
    }
}
