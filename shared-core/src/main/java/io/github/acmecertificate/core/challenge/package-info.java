/**
 * Challenges: the solver interface and the built-in HTTP-01 solvers.
 */
package io.github.acmecertificate.core.challenge;
