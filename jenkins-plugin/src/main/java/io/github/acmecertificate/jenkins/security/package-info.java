/**
 * Who may make the {@code acmeCertificate} step act beyond its build, decided in one place and
 * without Jenkins types: the controller's files, programs, ports and cloud identity (allowed on
 * an agent, on the controller only to administrators or where an administrator switched it on),
 * the credentials the step reads and writes, and the renewal records of other jobs. A build
 * running as SYSTEM (no authenticator configured) counts as no one in particular.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.security;
