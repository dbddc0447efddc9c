/**
 * Keys: the offered key types and their PEM encoding.
 */
package io.github.acmecertificate.core.key;
