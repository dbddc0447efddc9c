/**
 * Storage: the store interfaces, the file store, atomic secure writes and PKCS#12.
 */
package io.github.acmecertificate.core.store;
