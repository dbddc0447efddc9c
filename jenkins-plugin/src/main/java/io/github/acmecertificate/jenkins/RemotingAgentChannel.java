package io.github.acmecertificate.jenkins;

import java.io.IOException;
import java.io.Serializable;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.agent.AgentChannel;
import jenkins.security.MasterToSlaveCallable;

/**
 * The agent of the enclosing {@code node} block, reached through its workspace's remoting
 * channel with controller-to-agent callables: what the build's own steps use.
 *
 * @since 0.1.0
 */
final class RemotingAgentChannel implements AgentChannel {

    private final VirtualChannel channel;

    private RemotingAgentChannel(VirtualChannel channel) {
        this.channel = channel;
    }

    /**
     * Returns the agent of a workspace, if the workspace is on an agent (not on the controller's
     * built-in node, where work would run on the controller itself).
     *
     * @param workspace the workspace of the enclosing {@code node} block, or {@code null} outside one
     * @return the agent, or {@code null} when the work would run on the controller
     */
    static AgentChannel of(FilePath workspace) {
        if (workspace == null || !workspace.isRemote() || workspace.getChannel() == null) {
            return null;
        }
        return new RemotingAgentChannel(workspace.getChannel());
    }

    @Override
    public <V extends Serializable> V call(Call<V> call) throws AcmeCertificateException, InterruptedException {
        try {
            return channel.call(new OnAgent<>(call));
        } catch (IOException ex) {
            throw new AcmeCertificateException("Could not reach the agent of the node block: " + ex.getMessage(), ex);
        }
    }

    /** Runs the call on the agent: the only code this plugin sends there. */
    private static final class OnAgent<V extends Serializable> extends MasterToSlaveCallable<V, RuntimeException> {
        private static final long serialVersionUID = 1L;

        private final Call<V> call;

        OnAgent(Call<V> call) {
            this.call = call;
        }

        @Override
        public V call() {
            return call.run();
        }
    }
}
