package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class JsonTest {

    @Test
    public void quoteEscapesWhatJsonRequires() {
        assertEquals("\"plain\"", Json.quote("plain"));
        assertEquals("\"C:\\\\pebble \\\"x\\\"\\n\\u0001\"", Json.quote("C:\\pebble \"x\"\n\u0001"));
    }
}
