/**
 * How a certificate's challenges are answered, without Jenkins types: the step's describables
 * build the core's challenge description directly, wrapped in a
 * {@link io.github.acmecertificate.jenkins.challenge.ChallengeSpec} that the managed-certificate
 * record keeps, so that the scheduled renewal can answer the same way.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.challenge;
