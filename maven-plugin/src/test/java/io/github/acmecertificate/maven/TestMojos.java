package io.github.acmecertificate.maven;

import java.io.File;
import java.util.List;

/** Goals as Maven hands them over: every parameter at its declared default, unless a test sets it. */
final class TestMojos {

    private TestMojos() {
    }

    /**
     * An {@code acme:issue} whose CA does not listen: a goal that reached the network would
     * fail with another message than the one a test expects.
     */
    static IssueMojo issue(File store, List<String> domains) {
        var mojo = new IssueMojo();
        mojo.server = "https://127.0.0.1:1/directory";
        mojo.domains = domains;
        mojo.acceptTermsOfService = "true";
        mojo.challenge = "http-01";
        mojo.httpPort = "80";
        mojo.reuseKey = "false";
        mojo.force = "false";
        mojo.timeout = "PT5M";
        mojo.skip = "false";
        mojo.concurrency = "8";
        mojo.deployParallelism = "4";
        mojo.deployForce = "false";
        mojo.deployCommandTimeout = "PT2M";
        mojo.deployVerifyTimeout = "PT30S";
        mojo.store = store;
        return mojo;
    }
}
