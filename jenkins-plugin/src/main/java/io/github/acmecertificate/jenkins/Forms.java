package io.github.acmecertificate.jenkins;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.jenkins.run.StepErrors;
import jenkins.model.Jenkins;

/** Turns the plain form checks into Jenkins' form validation, and lists credentials for forms. */
final class Forms {

    private Forms() {
    }

    /** A form value as describables keep it: stripped, blank as {@code null}. */
    static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Reads the options the core declares from a describable's getters, each named as the step
     * names it ({@link StepErrors#parameterName}); those the describable lacks, blanks and
     * defaults are left out.
     *
     * @param describable the describable
     * @param declared    the core's declarations
     * @return option name to value, as the core's descriptions take them
     */
    static Map<String, String> options(Object describable, List<Option> declared) {
        var options = new LinkedHashMap<String, String>();
        for (var option : declared) {
            var name = StepErrors.parameterName(option.name());
            var property = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (Method getter : describable.getClass().getMethods()) {
                if (getter.getParameterCount() == 0 && (getter.getName().equals("get" + property)
                        || getter.getName().equals("is" + property))) {
                    var value = read(getter, describable);
                    var text = value == null ? "" : value.toString();
                    if (!text.isBlank() && !text.equals(option.defaultValue())) {
                        options.put(option.name(), text);
                    }
                }
            }
        }
        return options;
    }

    private static Object read(Method getter, Object describable) {
        try {
            return getter.invoke(describable);
        } catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("cannot read " + getter, ex);
        }
    }

    static FormValidation validation(FormChecks.Check check) {
        return switch (check.kind()) {
            case ERROR -> FormValidation.error(check.message());
            case WARNING -> FormValidation.warning(check.message());
            case OK -> check.message().isEmpty() ? FormValidation.ok() : FormValidation.ok(check.message());
        };
    }

    /**
     * Lists the credentials of the given kinds that a job sees, for a {@code credentialsId}
     * field, as the credentials plugin's consumer guide does: only for users who may configure
     * the job or use its credentials, and with the job's own authentication.
     *
     * @param item    the job being configured, or {@code null} outside a job
     * @param current the current value, always kept in the list
     * @param types   the kinds of credential the field takes
     * @return the choices
     */
    @SafeVarargs
    static ListBoxModel credentials(Item item, String current, Class<? extends StandardCredentials>... types) {
        var result = new StandardListBoxModel();
        var value = current == null ? "" : current;
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(value);
        }
        var authentication = item instanceof Queue.Task task ? task.getDefaultAuthentication2() : ACL.SYSTEM2;
        result.includeEmptyValue();
        for (var type : types) {
            result.includeAs(authentication, item, type);
        }
        return result.includeCurrentValue(value);
    }
}
