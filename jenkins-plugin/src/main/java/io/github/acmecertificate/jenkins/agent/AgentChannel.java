package io.github.acmecertificate.jenkins.agent;

import java.io.Serializable;

import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * Runs a call on the agent: in Jenkins through the remoting channel of the enclosing
 * {@code node} block's workspace ({@code VirtualChannel.call} with a controller-to-agent
 * callable), in tests through a loopback that serializes every call.
 *
 * @since 0.1.0
 */
public interface AgentChannel {

    /**
     * A piece of work for the agent, sent there serialized.
     *
     * @param <V> what it returns
     */
    interface Call<V extends Serializable> extends Serializable {
        /**
         * Runs on the agent.
         *
         * @return the result, sent back serialized
         */
        V run();
    }

    /**
     * Runs a call on the agent.
     *
     * @param call the call
     * @param <V>  its result
     * @return the result
     * @throws AcmeCertificateException if the agent cannot be reached
     * @throws InterruptedException     if interrupted while waiting
     */
    <V extends Serializable> V call(Call<V> call) throws AcmeCertificateException, InterruptedException;
}
