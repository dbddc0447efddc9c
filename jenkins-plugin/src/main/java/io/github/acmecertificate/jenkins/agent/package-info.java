/**
 * Answering challenges on the agent of the enclosing {@code node} block: a solver built and run
 * there through remoting calls, so that files, programs and ports are the agent's, as for the
 * build's own {@code sh} steps. Jenkins-free: the channel is an interface (remoting in Jenkins, a
 * serializing loopback in tests).
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.agent;
