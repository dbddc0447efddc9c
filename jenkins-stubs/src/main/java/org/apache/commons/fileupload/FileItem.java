package org.apache.commons.fileupload;

/** Compile-only stub of org.apache.commons.fileupload.FileItem, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public interface FileItem {
    String getName();

    long getSize();

    byte[] get();
}
