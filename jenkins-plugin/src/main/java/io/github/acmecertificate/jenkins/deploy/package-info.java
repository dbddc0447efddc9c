/**
 * The step's {@code deploy} targets and options, without Jenkins types: kept in the managed
 * certificate's record so the scheduled renewal deploys too, turned into the core's
 * {@link io.github.acmecertificate.core.deploy.SftpTarget}s, checked before anything is
 * ordered, and deployed after every run.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.deploy;
