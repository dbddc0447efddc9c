package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

/** Compile-only stub of com.cloudbees.jenkins.plugins.sshcredentials.SSHUser, as declared in jenkinsci/ssh-credentials-plugin src/main/java. No behaviour. */
@Deprecated
public interface SSHUser extends StandardUsernameCredentials {
}
