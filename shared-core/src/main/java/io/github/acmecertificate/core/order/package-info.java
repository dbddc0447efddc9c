/**
 * Orders: the names a certificate covers, the order itself and the polling of its state.
 */
package io.github.acmecertificate.core.order;
