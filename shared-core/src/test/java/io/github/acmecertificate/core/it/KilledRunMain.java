package io.github.acmecertificate.core.it;

import java.nio.file.Path;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.store.FileStore;

/**
 * A run that a test kills: it orders with force, announces {@code READY} once its challenges
 * are prepared and the order is under way, then hangs until killed.
 * Arguments: directory URL, trust PEM, HTTP port, store folder, name.
 */
public final class KilledRunMain {

    private KilledRunMain() {
    }

    public static void main(String[] args) throws Exception {
        var inner = new Http01StandaloneSolver("127.0.0.1", Integer.parseInt(args[2]));
        var hanging = new ChallengeSolver() {
            @Override
            public String challengeType() {
                return inner.challengeType();
            }

            @Override
            public String describe() {
                return "hanging " + inner.describe();
            }

            @Override
            public void validate(List<SubjectName> names) throws io.github.acmecertificate.core.exception.InvalidInputException {
                inner.validate(names);
            }

            @Override
            public void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
                inner.prepare(task, listener);
            }

            @Override
            public void awaitReady(List<ChallengeTask> tasks, ProgressListener listener) throws InterruptedException {
                System.out.println("READY");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }

            @Override
            public void cleanUp(ChallengeTask task, ProgressListener listener) {
                inner.cleanUp(task, listener);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        var request = CertificateRequest.builder().server(args[0]).serverTrust(Path.of(args[1]))
                .acceptTermsOfService(true).domains(args[4]).force(true).challenge(hanging).build();
        new CertificateProvisioner(new FileStore(Path.of(args[3]))).provision(request, ProgressListener.NONE);
    }
}
