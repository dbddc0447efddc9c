/**
 * Progress reporting: one listener interface that each front end maps to its own log.
 */
package io.github.acmecertificate.core.event;
