package io.github.acmecertificate.testca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal DNS client (RFC 1035) that asks one server for the TXT records of one name over UDP,
 * so that tests check what the mock DNS really serves without a DNS library.
 */
final class DnsTxtLookup {

    private static final int TYPE_TXT = 16;
    private static final int CLASS_IN = 1;

    private DnsTxtLookup() {
    }

    /** Returns the TXT values of {@code name}; empty if there are none. */
    static List<String> query(int port, String name) throws IOException {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] query = buildQuery(id, name);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            InetAddress server = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            socket.send(new DatagramPacket(query, query.length, server, port));
            byte[] answer = new byte[4096];
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            socket.receive(packet);
            return parseTxt(ByteBuffer.wrap(answer, 0, packet.getLength()), id);
        }
    }

    private static byte[] buildQuery(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, id);
        writeShort(out, 0x0100); // standard query, recursion desired
        writeShort(out, 1); // one question
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        for (String label : name.replaceAll("\\.$", "").split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        out.write(0);
        writeShort(out, TYPE_TXT);
        writeShort(out, CLASS_IN);
        return out.toByteArray();
    }

    private static List<String> parseTxt(ByteBuffer in, int expectedId) throws IOException {
        int id = in.getShort() & 0xffff;
        int flags = in.getShort() & 0xffff;
        int questions = in.getShort() & 0xffff;
        int answers = in.getShort() & 0xffff;
        in.getShort(); // authority records
        in.getShort(); // additional records
        if (id != expectedId) {
            throw new IOException("answer id " + id + " does not match query id " + expectedId);
        }
        int rcode = flags & 0x0f;
        if (rcode != 0 && rcode != 3) { // NXDOMAIN simply means no records
            throw new IOException("DNS error code " + rcode);
        }
        for (int i = 0; i < questions; i++) {
            skipName(in);
            in.position(in.position() + 4); // type and class
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            skipName(in);
            int type = in.getShort() & 0xffff;
            in.getShort(); // class
            in.getInt(); // TTL
            int length = in.getShort() & 0xffff;
            int end = in.position() + length;
            if (type == TYPE_TXT) {
                // One record may hold several character-strings of up to 255 bytes; they form one value.
                StringBuilder value = new StringBuilder();
                while (in.position() < end) {
                    byte[] chunk = new byte[in.get() & 0xff];
                    in.get(chunk);
                    value.append(new String(chunk, StandardCharsets.UTF_8));
                }
                values.add(value.toString());
            }
            in.position(end);
        }
        return values;
    }

    private static void skipName(ByteBuffer in) {
        while (true) {
            int length = in.get() & 0xff;
            if (length == 0) {
                return;
            }
            if ((length & 0xc0) == 0xc0) { // compression pointer: two bytes end the name
                in.get();
                return;
            }
            in.position(in.position() + length);
        }
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }
}
