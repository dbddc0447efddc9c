package jenkins;

/** Compile-only stub of jenkins.YesNoMaybe, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
