package io.github.acmecertificate.core.name;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class SubjectNameTest {

    @Test
    public void normalizesDnsNames() {
        assertEquals("example.com", SubjectName.parse(" Example.COM. ").value());
        assertEquals("xn--bcher-kva.example", SubjectName.parse("Bücher.example").value());
        assertEquals(SubjectName.Type.DNS, SubjectName.parse("a-b.example").type());
    }

    @Test
    public void keepsWildcardsAndAuthorizesTheDomainBelow() {
        var name = SubjectName.parse("*.Example.com");
        assertEquals("*.example.com", name.value());
        assertTrue(name.isWildcard());
        assertEquals("example.com", name.authorizationName());
        assertFalse(SubjectName.parse("example.com").isWildcard());
    }

    @Test
    public void parsesIpAddressesCanonically() {
        var v4 = SubjectName.parse("192.0.2.10");
        assertEquals(SubjectName.Type.IP, v4.type());
        assertEquals("192.0.2.10", v4.value());
        assertEquals("2001:db8:0:0:0:0:0:1", SubjectName.parse("[2001:DB8::1]").value());
        assertTrue(SubjectName.parse("2001:db8::1").dnsName().isEmpty());
    }

    @Test
    public void rejectsMalformedNamesWithAReason() {
        assertMessage("", "empty");
        assertMessage("exa mple.com", "not a valid DNS name");
        assertMessage("-bad.example.com", "not a valid DNS name");
        assertMessage("bad..example.com", "not a valid DNS name");
        assertMessage("www.*.example.com", "leftmost label");
        assertMessage("https://example.com/", "without scheme");
        assertMessage("*", "leftmost label");
        assertMessage("*.com", "needs a domain below it");
        assertMessage("300.1.2.3", "neither a valid IP address");
        assertMessage("a".repeat(64) + ".example.com", "too long");
        assertMessage("under_score.example.com", "not a valid DNS name");
    }

    private static void assertMessage(String input, String expected) {
        var ex = assertThrows(IllegalArgumentException.class, () -> SubjectName.parse(input));
        assertTrue(ex.getMessage() + " should contain " + expected, ex.getMessage().contains(expected));
    }

    @Test
    public void removesDuplicatesKeepingTheFirstFirst() {
        var names = SubjectNames.parse(List.of("www.example.com", "EXAMPLE.com", "www.example.com.", "example.com"));
        assertEquals(List.of("www.example.com", "example.com"), names.stream().map(SubjectName::value).toList());
    }

    @Test
    public void reportsEveryBadNameAtOnce() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> SubjectNames.parse(List.of("ok.example", "b@d", "x..y")));
        assertTrue(ex.getMessage(), ex.getMessage().contains("b@d") && ex.getMessage().contains("x..y"));
    }

    @Test
    public void splitsCommandLineLists() {
        assertEquals(List.of("a.example", "b.example", "c.example"),
                SubjectNames.split(" a.example, b.example ,,c.example "));
        assertEquals(List.of(), SubjectNames.split(null));
    }

    @Test
    public void namesAreEqualByTypeAndValue() {
        var name = SubjectName.parse("www.example.com");
        assertEquals(SubjectName.parse("WWW.Example.com"), name);
        assertEquals(SubjectName.parse("WWW.Example.com").hashCode(), name.hashCode());
        assertFalse(name.equals(SubjectName.parse("example.com")));
        assertFalse(new SubjectName(SubjectName.Type.DNS, "192.0.2.1").equals(SubjectName.parse("192.0.2.1")));
        assertFalse(name.equals("www.example.com"));
        assertEquals(1, new java.util.HashSet<>(List.of(name, SubjectName.parse("www.example.com"))).size());
    }
}
