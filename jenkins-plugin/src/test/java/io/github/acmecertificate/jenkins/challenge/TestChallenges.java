package io.github.acmecertificate.jenkins.challenge;

import io.github.acmecertificate.core.challenge.ChallengeType;

/** DNS-01 challenges with every setting at once, as the tests write them. */
public final class TestChallenges {

    private TestChallenges() {
    }

    public static ChallengeSpec dns01(String provider, String credentialsId, String options, String propagationTimeout,
            String propagationInterval, boolean skipPropagationCheck, String resolvers, int nameserverPort,
            boolean followCnames, String queryTimeout) {
        return new ChallengeSpec(ChallengeSpec.builder(ChallengeType.DNS_01).option("provider", provider)
                .option("credential", credentialsId).option("options", options)
                .option("propagationTimeout", propagationTimeout).option("propagationInterval", propagationInterval)
                .option("skipPropagationCheck", skipPropagationCheck).option("resolvers", resolvers)
                .option("nameserverPort", nameserverPort).option("followCnames", followCnames)
                .option("queryTimeout", queryTimeout).build());
    }
}
