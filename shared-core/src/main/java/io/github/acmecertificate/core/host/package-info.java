/**
 * What a machine reports, whether local or reached over SSH: a file's status and a command's
 * exit code and output.
 */
package io.github.acmecertificate.core.host;
