package dev.unravel.sigma.compile;

/** Package-private parts of the compiler, for tests in other packages. */
public final class RuleCompilerAccess {
    private RuleCompilerAccess() {
    }

    public static boolean longText(String field) {
        return RuleCompiler.longText(field);
    }
}
