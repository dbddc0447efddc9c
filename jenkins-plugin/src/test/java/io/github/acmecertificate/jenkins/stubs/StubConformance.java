package io.github.acmecertificate.jenkins.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks, by reflection, that every type and member declared in the compile-only Jenkins API
 * stubs ({@code jenkins-stubs}) exists with the same signature in the real classes: the same
 * kind of type, supertypes the real type also has, the type's runtime annotations, and every
 * public or protected constructor, method and field with the same parameter, return and field
 * types (generic types included), the same {@code static}-ness and the same declared
 * exceptions. The stubs are loaded child-first in a class loader of their own, beside the real
 * classes, and compared by name.
 *
 * <p>Only what the stubs declare is checked: the real types may have more. The stub-only
 * helper package {@code io.github.acmecertificate.jenkins.stubs} and anonymous classes (enum
 * constant bodies) are not Jenkins declarations and are skipped.
 */
public final class StubConformance {

    private static final String OWN_PACKAGE = "io/github/acmecertificate/";

    private StubConformance() {
    }

    /**
     * Compares every stub class in a folder with the real class of the same name.
     *
     * @param stubClasses the stubs' compiled classes ({@code jenkins-stubs/target/classes})
     * @param real        the class loader that sees the real Jenkins classes
     * @return every difference, one line each; empty when the stubs conform
     */
    public static List<String> check(Path stubClasses, ClassLoader real) {
        var differences = new ArrayList<String>();
        try (var stubs = new StubLoader(stubClasses, real)) {
            for (var name : classNames(stubClasses)) {
                Class<?> stub;
                try {
                    stub = Class.forName(name, false, stubs);
                } catch (ClassNotFoundException | LinkageError ex) {
                    differences.add(name + ": the stub cannot be loaded: " + ex);
                    continue;
                }
                Class<?> actual;
                try {
                    actual = Class.forName(name, false, real);
                } catch (ClassNotFoundException | LinkageError ex) {
                    differences.add(name + ": no such type in Jenkins");
                    continue;
                }
                differences.addAll(differences(stub, actual));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return differences;
    }

    /**
     * Returns a class loader that loads the stubs first and everything else from a parent.
     *
     * @param stubClasses the stubs' compiled classes
     * @param parent      where other classes come from
     * @return the loader; close it when done
     */
    public static URLClassLoader stubLoader(Path stubClasses, ClassLoader parent) {
        return new StubLoader(stubClasses, parent);
    }

    /** The binary names of the stub classes, without the stubs' own helpers and anonymous classes. */
    static List<String> classNames(Path stubClasses) {
        try (Stream<Path> files = Files.walk(stubClasses)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> stubClasses.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith(OWN_PACKAGE) && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> !n.matches(".*\\$\\d+.*"))
                    .sorted()
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot list " + stubClasses, ex);
        }
    }

    /**
     * Compares one stub type with the real one.
     *
     * @param stub   the stub
     * @param actual the real type
     * @return the differences
     */
    public static List<String> differences(Class<?> stub, Class<?> actual) {
        var out = new ArrayList<String>();
        var name = stub.getName();
        if (stub.isInterface() != actual.isInterface() || stub.isAnnotation() != actual.isAnnotation()
                || stub.isEnum() != actual.isEnum()) {
            out.add(name + ": is a " + kind(stub) + " in the stubs but a " + kind(actual) + " in Jenkins");
        }
        if (Modifier.isPublic(stub.getModifiers()) != Modifier.isPublic(actual.getModifiers())) {
            out.add(name + ": public in one, not in the other");
        }
        var supertypes = new ArrayList<Class<?>>(List.of(stub.getInterfaces()));
        if (stub.getSuperclass() != null && stub.getSuperclass() != Object.class && !stub.isEnum()) {
            supertypes.add(stub.getSuperclass());
        }
        for (var supertype : supertypes) {
            if (!hasSupertype(actual, supertype.getName())) {
                out.add(name + ": extends or implements " + supertype.getName() + " in the stubs, not in Jenkins");
            }
        }
        var realAnnotations = Arrays.stream(actual.getAnnotations()).map(a -> a.annotationType().getName())
                .collect(Collectors.toSet());
        for (var annotation : stub.getAnnotations()) {
            if (!realAnnotations.contains(annotation.annotationType().getName())) {
                out.add(name + ": annotated @" + annotation.annotationType().getName() + " in the stubs, not in Jenkins");
            }
        }
        var realConstructors = Arrays.stream(actual.getDeclaredConstructors()).filter(StubConformance::visible)
                .map(StubConformance::signature).collect(Collectors.toSet());
        for (var constructor : stub.getDeclaredConstructors()) {
            if (visible(constructor) && !(stub.isEnum()) && !realConstructors.contains(signature(constructor))) {
                out.add(name + ": no constructor " + signature(constructor) + " in Jenkins; it has "
                        + new TreeSet<>(realConstructors));
            }
        }
        var realMethods = new LinkedHashSet<String>();
        for (var method : allMethods(actual)) {
            if (visible(method) && !method.isBridge() && !method.isSynthetic()) {
                realMethods.add(signature(method));
            }
        }
        for (var method : stub.getDeclaredMethods()) {
            if (!visible(method) || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            if (!realMethods.contains(signature(method))) {
                var sameName = realMethods.stream().filter(s -> s.contains(" " + method.getName() + "("))
                        .collect(Collectors.toCollection(TreeSet::new));
                out.add(name + ": no method " + signature(method) + " in Jenkins"
                        + (sameName.isEmpty() ? "" : "; it has " + sameName));
            }
        }
        for (var field : stub.getDeclaredFields()) {
            if (!visible(field) || field.isSynthetic()) {
                continue;
            }
            Field real = findField(actual, field.getName());
            if (real == null || !visible(real)) {
                out.add(name + ": no field " + field.getName() + " in Jenkins");
            } else if (!real.getGenericType().getTypeName().equals(field.getGenericType().getTypeName())
                    || Modifier.isStatic(real.getModifiers()) != Modifier.isStatic(field.getModifiers())) {
                out.add(name + ": field " + field.getName() + " is " + describe(field) + " in the stubs but "
                        + describe(real) + " in Jenkins");
            }
        }
        return out;
    }

    private static String kind(Class<?> type) {
        return type.isAnnotation() ? "annotation" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : "class";
    }

    private static boolean hasSupertype(Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name)) {
            return true;
        }
        if (hasSupertype(type.getSuperclass(), name)) {
            return true;
        }
        for (var implemented : type.getInterfaces()) {
            if (hasSupertype(implemented, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean visible(java.lang.reflect.Member member) {
        var modifiers = member.getModifiers();
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Every method a type has: declared, inherited from superclasses, and from interfaces. */
    private static List<Method> allMethods(Class<?> type) {
        var methods = new ArrayList<Method>();
        var seen = new LinkedHashSet<Class<?>>();
        var queue = new ArrayList<Class<?>>();
        queue.add(type);
        while (!queue.isEmpty()) {
            var current = queue.remove(0);
            if (current == null || !seen.add(current)) {
                continue;
            }
            methods.addAll(List.of(current.getDeclaredMethods()));
            queue.add(current.getSuperclass());
            queue.addAll(List.of(current.getInterfaces()));
        }
        return methods;
    }

    private static Field findField(Class<?> type, String name) {
        for (var current = type; current != null; current = current.getSuperclass()) {
            try {
                return current.getDeclaredField(name);
            } catch (NoSuchFieldException ex) {
                for (var implemented : current.getInterfaces()) {
                    var found = findField(implemented, name);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static String describe(Field field) {
        return (Modifier.isStatic(field.getModifiers()) ? "static " : "") + field.getGenericType().getTypeName();
    }

    /** A signature as Java would write it: static-ness, generic return and parameter types, exceptions. */
    static String signature(Executable executable) {
        var text = new StringBuilder();
        if (Modifier.isStatic(executable.getModifiers())) {
            text.append("static ");
        }
        if (executable instanceof Method method) {
            text.append(method.getGenericReturnType().getTypeName()).append(' ');
        }
        text.append(executable instanceof Constructor<?> ? "<init>" : executable.getName()).append('(')
                .append(Arrays.stream(executable.getGenericParameterTypes()).map(Type::getTypeName)
                        .collect(Collectors.joining(", ")))
                .append(')');
        var exceptions = new TreeSet<String>();
        for (var exception : executable.getExceptionTypes()) {
            exceptions.add(exception.getName());
        }
        if (!exceptions.isEmpty()) {
            text.append(" throws ").append(String.join(", ", exceptions));
        }
        return text.toString();
    }

    /** Loads the stubs first, and everything else (Spring Security, servlet, annotations) from the real side. */
    private static final class StubLoader extends URLClassLoader {
        private final Set<String> stubs;

        StubLoader(Path stubClasses, ClassLoader real) {
            super(new URL[] {url(stubClasses)}, real);
            this.stubs = Set.copyOf(classNamesWithAnonymous(stubClasses));
        }

        private static URL url(Path folder) {
            try {
                return folder.toUri().toURL();
            } catch (MalformedURLException ex) {
                throw new IllegalArgumentException(ex);
            }
        }

        private static List<String> classNamesWithAnonymous(Path stubClasses) {
            try (Stream<Path> files = Files.walk(stubClasses)) {
                return files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> stubClasses.relativize(f).toString().replace('\\', '/'))
                        .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                        .toList();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!stubs.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                var loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
