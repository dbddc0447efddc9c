/**
 * How a certificate's challenges are answered, without Jenkins types: each kind of challenge
 * the step offers has a {@link io.github.acmecertificate.jenkins.challenge.ChallengeSpec} that
 * builds the core's solver and is kept in the managed-certificate record, so that the scheduled
 * renewal can answer the same way.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.challenge;
