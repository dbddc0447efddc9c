package io.github.acmecertificate.core.host;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects a command's output from one or more threads, keeping the last
 * {@link CommandResult#MAX_OUTPUT} bytes so a chatty command cannot fill the memory.
 */
public final class OutputTail extends OutputStream {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean cut;

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        trim();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
        trim();
    }

    private void trim() {
        if (buffer.size() > 2 * CommandResult.MAX_OUTPUT) {
            var all = buffer.toByteArray();
            buffer.reset();
            buffer.write(all, all.length - CommandResult.MAX_OUTPUT, CommandResult.MAX_OUTPUT);
            cut = true;
        }
    }

    /** The output, as UTF-8 text (malformed bytes replaced), marked when its start was cut. */
    /** The retained tail of the output, as UTF-8 text. */
    public synchronized String text() {
        var all = buffer.toByteArray();
        int from = Math.max(0, all.length - CommandResult.MAX_OUTPUT);
        var text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
        return (cut || from > 0 ? "[...]\n" : "") + text;
    }
}
