package dev.monitordash.core.tests;

/**
 * A test's one name everywhere (store, request hand-off, header, page): {@code <class>#<method>}. Neither a
 * Java class name nor a method name can contain {@code #}, so the name splits back unambiguously.
 */
public final class TestNames {

    private TestNames() {
    }

    public static String of(String className, String methodName) {
        return className + '#' + methodName;
    }

    /** The class part of a test name; the whole name if it has no {@code #}. */
    public static String className(String test) {
        int hash = test.lastIndexOf('#');
        return hash < 0 ? test : test.substring(0, hash);
    }

    /** The method part of a test name; empty if it has no {@code #}. */
    public static String methodName(String test) {
        int hash = test.lastIndexOf('#');
        return hash < 0 ? "" : test.substring(hash + 1);
    }
}
