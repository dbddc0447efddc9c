/**
 * The record this plugin keeps for every certificate it manages, without Jenkins types: what the
 * credential covers, until when, how to renew it, and how the last attempt went. The scheduled
 * renewal and the administrative monitor read these records.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.managed;
