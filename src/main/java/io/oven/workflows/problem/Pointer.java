package io.oven.workflows.problem;

/** JSON pointers (RFC 6901) as used in violations: {@code /states/evaluate/always/0/target}. */
public final class Pointer {

    private Pointer() {
    }

    public static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
