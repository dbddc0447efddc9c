package net.sf.json;

/** Compile-only stub of net.sf.json.JSONObject, as declared in the json-lib fork Jenkins ships (org.kohsuke.stapler:json-lib 2.4-jenkins-15). No behaviour. */
public final class JSONObject {
    public JSONObject() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
