/**
 * Parsing what users write in settings, the same way in every front end.
 */
package io.github.acmecertificate.core.config;
