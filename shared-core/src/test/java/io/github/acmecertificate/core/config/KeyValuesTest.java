package io.github.acmecertificate.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.exception.InvalidInputException;
import org.junit.Test;

/** key=value text, as a DNS provider's options and a deploy target's are written. */
public class KeyValuesTest {

    private static final String FIELD = "dns.options";

    @Test
    public void pairsOnOneLineOrOnePerLine() throws Exception {
        assertEquals(Map.of(), Values.keyValues(FIELD, null));
        assertEquals(Map.of(), Values.keyValues(FIELD, "  "));
        var oneLine = Values.keyValues(FIELD, "nameserver=ns1.example.com, tsigAlgorithm = hmac-sha256,");
        assertEquals(List.of("nameserver", "tsigAlgorithm"), List.copyOf(oneLine.keySet()));
        assertEquals("hmac-sha256", oneLine.get("tsigAlgorithm"));
        var lines = Values.keyValues(FIELD, """
                # the primary
                nameserver=ns1.example.com
                resolversOfMine=1.1.1.1,9.9.9.9
                command=/opt/dns/hook.sh --mode=a
                """);
        assertEquals("a value may hold commas when pairs are on lines", "1.1.1.1,9.9.9.9", lines.get("resolversOfMine"));
        assertEquals("the first = splits", "/opt/dns/hook.sh --mode=a", lines.get("command"));
        assertEquals(3, lines.size());
        assertEquals("windows line ends", Map.of("a", "1", "b", "2"), Values.keyValues(FIELD, "a=1\r\nb=2"));
        assertEquals("an empty value", Map.of("zone", ""), Values.keyValues(FIELD, "zone="));
    }

    @Test
    public void mistakesNameTheField() {
        var ex = assertThrows(InvalidInputException.class, () -> Values.keyValues(FIELD, "nameserver ns1"));
        assertEquals(FIELD, ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("'nameserver ns1' is not key=value"));
        ex = assertThrows(InvalidInputException.class, () -> Values.keyValues(FIELD, "=x"));
        assertEquals(FIELD, ex.field());
        ex = assertThrows(InvalidInputException.class, () -> Values.keyValues(FIELD, "a=1, a=2"));
        assertTrue(ex.getMessage().contains("a is given twice"));
    }

    @Test
    public void formatReadsBack() throws Exception {
        var options = new LinkedHashMap<String, String>();
        options.put("nameserver", "ns1");
        options.put("zone", "example.test");
        assertEquals("nameserver=ns1, zone=example.test", Values.keyValues(options));
        assertEquals(options, Values.keyValues(FIELD, Values.keyValues(options)));
        options.put("list", "a,b");
        assertEquals("nameserver=ns1\nzone=example.test\nlist=a,b", Values.keyValues(options));
        assertEquals(options, Values.keyValues(FIELD, Values.keyValues(options)));
    }
}
