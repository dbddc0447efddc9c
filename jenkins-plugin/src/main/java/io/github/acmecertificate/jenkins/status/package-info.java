/**
 * What the plugin knows about its managed certificates between runs, and the status pages and
 * actions built on it, without Jenkins types: the renewal state kept beside each certificate
 * credential, the status the administrative monitor and the certificates page show (the same
 * as {@code acme:status}), revocation, and the account key administration.
 */
package io.github.acmecertificate.jenkins.status;
