/**
 * What the {@code acmeCertificate} step and the scheduled renewal do, without Jenkins types:
 * resolve the server and defaults, build the core's request and the deploy targets, provision
 * into credentials, record the managed certificate, deploy, and map the outcome to the step's
 * result and messages.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.run;
