package io.github.acmecertificate.jenkins.deploy;

import java.util.Objects;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.deploy.TargetDescription;

/**
 * A deploy target of any type the core finds on the class path by name, given as a type, its
 * options and its files: how a destination that the plugin has no describable for is deployed to.
 *
 * @param description the core's description
 * @since 0.1.0
 */
public record OtherTargetSpec(TargetDescription description) implements TargetSpec {

    /**
     * Creates the spec.
     *
     * @param description the description
     */
    public OtherTargetSpec {
        Objects.requireNonNull(description, "description");
    }

    @Override
    public String describe() {
        return "deployTarget(type: '" + description.type() + "'" + description.options().keySet().stream()
                .filter(k -> k.equals("name") || k.equals("host"))
                .map(k -> ", " + k + ": '" + description.get(k) + "'").collect(Collectors.joining()) + ")";
    }
}
