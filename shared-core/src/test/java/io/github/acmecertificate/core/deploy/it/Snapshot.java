package io.github.acmecertificate.core.deploy.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of a folder (names and bytes), to prove a failed deploy left them whole. */
public final class Snapshot {

    private final Path dir;
    private final Map<String, byte[]> files;

    private Snapshot(Path dir, Map<String, byte[]> files) {
        this.dir = dir;
        this.files = files;
    }

    /**
     * Reads every file in a folder (not recursive).
     *
     * @param dir the folder
     * @return the snapshot
     * @throws IOException if it cannot be read
     */
    public static Snapshot of(Path dir) throws IOException {
        var files = new TreeMap<String, byte[]>();
        try (Stream<Path> list = Files.list(dir)) {
            for (var file : list.toList()) {
                if (Files.isRegularFile(file)) {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        return new Snapshot(dir, files);
    }

    /**
     * Asserts the folder holds exactly the same files with the same bytes: no file changed,
     * none added (no temporary left behind), none removed.
     *
     * @throws IOException if it cannot be read
     */
    public void assertUnchanged() throws IOException {
        var now = of(dir);
        assertEquals("the same file names in " + dir, files.keySet(), now.files.keySet());
        for (var entry : files.entrySet()) {
            assertArrayEquals(entry.getKey() + " is byte-equal", entry.getValue(), now.files.get(entry.getKey()));
        }
    }
}
