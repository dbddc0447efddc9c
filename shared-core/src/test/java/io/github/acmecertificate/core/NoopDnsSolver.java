package io.github.acmecertificate.core;

import java.util.List;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.name.SubjectName;

/** A DNS-01 solver shape for validation tests; it publishes nothing. */
final class NoopDnsSolver implements ChallengeSolver {

    @Override
    public String challengeType() {
        return "dns-01";
    }

    @Override
    public String describe() {
        return "no-op DNS-01";
    }

    @Override
    public void validate(List<SubjectName> names) {
    }

    @Override
    public void prepare(ChallengeTask task, ProgressListener listener) {
    }

    @Override
    public void cleanUp(ChallengeTask task, ProgressListener listener) {
    }
}
