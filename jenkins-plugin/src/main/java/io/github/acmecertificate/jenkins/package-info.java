/**
 * The Jenkins plugin: the {@code acmeCertificate} Pipeline step, its challenge and deploy
 * target describables, the global configuration, the credentials backend and look-up, the
 * scheduled renewal and the administrative monitor. These classes are thin: they read Jenkins' objects and hand plain
 * values to the Jenkins-free packages below, which do the work.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins;
