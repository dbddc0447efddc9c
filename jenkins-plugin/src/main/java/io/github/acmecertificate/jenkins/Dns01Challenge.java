package io.github.acmecertificate.jenkins;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.dns.DnsServer;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dns01(provider: 'rfc2136', credentialsId: 'dns-example-com', options: 'nameserver=ns1.example.com')}:
 * DNS-01 through a DNS provider, which writes the {@code _acme-challenge} TXT records from the
 * controller. The only challenge for wildcard names. The provider's secret (a TSIG key, an API
 * token) comes from a Secret text or Username with password credential the build may use;
 * {@code options} holds the rest, as {@code key=value} pairs, never secrets.
 *
 * @since 0.1.0
 */
public class Dns01Challenge implements AcmeChallenge {

    private final String provider;
    private String credentialsId;
    private String options;
    private String propagationTimeout;
    private String propagationInterval;
    private boolean skipPropagationCheck;
    private String resolvers;
    private int nameserverPort = DnsServer.DEFAULT_PORT;
    private boolean followCnames = true;
    private String queryTimeout;

    /**
     * Creates the challenge.
     *
     * @param provider the DNS provider: {@code rfc2136}, {@code acme-dns}, {@code exec},
     *                 {@code cloudflare} or {@code route53}
     */
    @DataBoundConstructor
    public Dns01Challenge(String provider) {
        this.provider = Forms.trim(provider);
    }

    /**
     * Returns the provider.
     *
     * @return its name
     */
    public String getProvider() {
        return provider;
    }

    /**
     * Returns the credential holding the provider's secret.
     *
     * @return the id, or {@code null}
     */
    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * Sets the credential holding the provider's secret: a Secret text, or a Username with
     * password whose username fills the provider's username option (a TSIG key name, an AWS
     * access key ID).
     *
     * @param credentialsId the id
     */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Forms.trim(credentialsId);
    }

    /**
     * Returns the provider's options.
     *
     * @return {@code key=value} pairs, or {@code null}
     */
    public String getOptions() {
        return options;
    }

    /**
     * Sets the provider's options (never secrets).
     *
     * @param options {@code key=value} pairs, comma-separated or one per line
     */
    @DataBoundSetter
    public void setOptions(String options) {
        this.options = Forms.trim(options);
    }

    /**
     * Returns how long to wait for the nameservers.
     *
     * @return an ISO-8601 duration or seconds, or {@code null} for the provider's default
     */
    public String getPropagationTimeout() {
        return propagationTimeout;
    }

    /**
     * Sets how long to wait for every authoritative nameserver to serve the records.
     *
     * @param propagationTimeout an ISO-8601 duration ({@code PT3M}) or a number of seconds
     */
    @DataBoundSetter
    public void setPropagationTimeout(String propagationTimeout) {
        this.propagationTimeout = Forms.trim(propagationTimeout);
    }

    /**
     * Returns the pause between two rounds of queries.
     *
     * @return an ISO-8601 duration or seconds, or {@code null} for the provider's default
     */
    public String getPropagationInterval() {
        return propagationInterval;
    }

    /**
     * Sets the pause between two rounds of propagation queries.
     *
     * @param propagationInterval an ISO-8601 duration or a number of seconds
     */
    @DataBoundSetter
    public void setPropagationInterval(String propagationInterval) {
        this.propagationInterval = Forms.trim(propagationInterval);
    }

    /**
     * Tells whether the propagation check is skipped.
     *
     * @return true to skip it
     */
    public boolean isSkipPropagationCheck() {
        return skipPropagationCheck;
    }

    /**
     * Asks the CA to validate without checking the nameservers first: for nameservers the
     * controller cannot reach.
     *
     * @param skipPropagationCheck true to skip the check
     */
    @DataBoundSetter
    public void setSkipPropagationCheck(boolean skipPropagationCheck) {
        this.skipPropagationCheck = skipPropagationCheck;
    }

    /**
     * Returns the recursive resolvers.
     *
     * @return {@code host} or {@code host:port}, comma-separated, or {@code null} for the system's
     */
    public String getResolvers() {
        return resolvers;
    }

    /**
     * Sets the recursive resolvers used to follow CNAMEs and find the zone and its nameservers.
     *
     * @param resolvers {@code host} or {@code host:port}, comma-separated
     */
    @DataBoundSetter
    public void setResolvers(String resolvers) {
        this.resolvers = Forms.trim(resolvers);
    }

    /**
     * Returns the port on which authoritative nameservers are asked.
     *
     * @return the port
     */
    public int getNameserverPort() {
        return nameserverPort;
    }

    /**
     * Sets the port on which authoritative nameservers are asked.
     *
     * @param nameserverPort 1 to 65535 (53 by default)
     */
    @DataBoundSetter
    public void setNameserverPort(int nameserverPort) {
        this.nameserverPort = nameserverPort;
    }

    /**
     * Tells whether {@code _acme-challenge} CNAMEs are followed.
     *
     * @return true to follow them
     */
    public boolean isFollowCnames() {
        return followCnames;
    }

    /**
     * Follows {@code _acme-challenge} CNAMEs (delegated validation), or writes the record at
     * the challenge name itself.
     *
     * @param followCnames false to write at {@code _acme-challenge.<name>} regardless of CNAMEs
     */
    @DataBoundSetter
    public void setFollowCnames(boolean followCnames) {
        this.followCnames = followCnames;
    }

    /**
     * Returns how long one DNS query waits.
     *
     * @return an ISO-8601 duration or seconds, or {@code null} for five seconds
     */
    public String getQueryTimeout() {
        return queryTimeout;
    }

    /**
     * Sets how long one DNS query waits for an answer.
     *
     * @param queryTimeout an ISO-8601 duration or a number of seconds
     */
    @DataBoundSetter
    public void setQueryTimeout(String queryTimeout) {
        this.queryTimeout = Forms.trim(queryTimeout);
    }

    @Override
    public ChallengeType type() {
        return ChallengeType.DNS_01;
    }

    /** Its descriptor, with the symbol {@code dns01}. */
    @Extension
    @Symbol("dns01")
    public static class DescriptorImpl extends AcmeChallengeDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "DNS-01, TXT records written through a DNS provider";
        }

        /**
         * Lists the DNS providers this plugin has.
         *
         * @return every provider's name, with its description
         */
        public ListBoxModel doFillProviderItems() {
            var model = new ListBoxModel();
            for (var provider : FormChecks.dnsProviders()) {
                model.add(provider.getKey() + " - " + provider.getValue(), provider.getKey());
            }
            return model;
        }

        /**
         * Lists the credentials that can hold a provider's secret.
         *
         * @param item          the job being configured
         * @param credentialsId the current value
         * @return Secret text and Username with password credentials the job sees
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return Forms.credentials(item, credentialsId, StringCredentials.class,
                    StandardUsernamePasswordCredentials.class);
        }

        /**
         * Checks the options against the provider's.
         *
         * @param value    the options
         * @param provider the provider chosen
         * @return the check
         */
        public FormValidation doCheckOptions(@QueryParameter String value, @QueryParameter String provider) {
            return Forms.validation(FormChecks.dnsOptions(provider, value));
        }

        /**
         * Checks the propagation time-out.
         *
         * @param value the value
         * @return the check
         */
        public FormValidation doCheckPropagationTimeout(@QueryParameter String value) {
            return Forms.validation(FormChecks.option(ChallengeType.DNS_01, "propagationTimeout", value));
        }

        /**
         * Checks the propagation interval.
         *
         * @param value the value
         * @return the check
         */
        public FormValidation doCheckPropagationInterval(@QueryParameter String value) {
            return Forms.validation(FormChecks.option(ChallengeType.DNS_01, "propagationInterval", value));
        }

        /**
         * Checks the query time-out.
         *
         * @param value the value
         * @return the check
         */
        public FormValidation doCheckQueryTimeout(@QueryParameter String value) {
            return Forms.validation(FormChecks.option(ChallengeType.DNS_01, "queryTimeout", value));
        }

        /**
         * Checks the nameserver port.
         *
         * @param value the port
         * @return the check
         */
        public FormValidation doCheckNameserverPort(@QueryParameter int value) {
            return Forms.validation(FormChecks.option(ChallengeType.DNS_01, "nameserverPort", value));
        }
    }
}
