package io.github.acmecertificate.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.testca.DurationForms;
import org.junit.Test;

/** The one parser: every duration form, ports, numbers, booleans and lists. */
public class ValuesTest {

    @Test
    public void everyDurationFormMeansTheSame() throws Exception {
        for (var form : DurationForms.VALID) {
            assertEquals(form.text(), form.expected(), Values.duration("renewBefore", form.text()));
        }
    }

    @Test
    public void wrongDurationsNameTheFieldAndTheForms() {
        for (var text : DurationForms.INVALID) {
            var ex = assertThrows(text, InvalidInputException.class,
                    () -> Values.duration("deployCommandTimeout", text));
            assertEquals("deployCommandTimeout", ex.field());
            var problem = ex.problems().get(0).problem();
            assertTrue(problem, problem.contains("'" + text.strip() + "'"));
            assertTrue(problem, problem.contains("P30D") && problem.contains("30d") || problem.contains("positive"));
        }
    }

    @Test
    public void blankMeansNotSet() throws Exception {
        assertNull(Values.duration("timeout", "  "));
        assertNull(Values.port("port", null));
        assertEquals(true, Values.bool("force", "", true));
    }

    @Test
    public void booleansAreOnlyTrueOrFalse() throws Exception {
        assertEquals(true, Values.bool("reuseKey", "TRUE", false));
        assertEquals(false, Values.bool("reuseKey", " False ", true));
        for (var text : List.of("maybe", "yes", "no", "1", "0", "on")) {
            var ex = assertThrows(text, InvalidInputException.class, () -> Values.bool("reuseKey", text, false));
            assertEquals("reuseKey", ex.field());
            assertTrue(ex.getMessage(), ex.getMessage().contains("true or false"));
        }
    }

    @Test
    public void portsAndNumbersAreChecked() throws Exception {
        assertEquals(Integer.valueOf(2222), Values.port("targets.port", " 2222 "));
        for (var text : List.of("0", "65536", "ssh", "-1")) {
            var ex = assertThrows(text, InvalidInputException.class, () -> Values.port("targets.port", text));
            assertEquals("'" + text + "' is not a port. Write a number from 1 to 65535", ex.problems().get(0).problem());
        }
        assertEquals(Integer.valueOf(8), Values.integer("deployParallelism", "8", 1, 32));
        assertThrows(InvalidInputException.class, () -> Values.integer("deployParallelism", "33", 1, 32));
    }

    @Test
    public void listsSplitOnCommasAndLines() {
        assertEquals(List.of("a.example", "b.example", "c.example"),
                Values.list(" a.example, b.example\n\nc.example ,"));
        assertEquals(List.of(), Values.list(null));
    }

    @Test
    public void caseChangesIgnoreTheMachinesLocale() throws Exception {
        var before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertEquals("PT1M", Values.upper("pt1m"));
            assertEquals("title", Values.lower("TITLE"));
            assertEquals(java.time.Duration.ofMinutes(1), Values.duration("timeout", "pt1m"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    public void theCollectorReportsEveryProblemAtOnce() {
        var in = Values.collector();
        assertEquals(false, in.bool("reuseKey", "maybe", false));
        assertEquals(80, in.port("http.port", "eighty", 80));
        assertEquals(java.time.Duration.ofMinutes(5), in.duration("timeout", "later", java.time.Duration.ofMinutes(5)));
        var ex = assertThrows(InvalidInputException.class, in::check);
        assertEquals(List.of("reuseKey", "http.port", "timeout"), ex.problems().stream().map(Problem::field).toList());
        var none = new ArrayList<Problem>();
        assertNull(Values.bool("x", null, none));
        assertTrue(none.isEmpty());
    }
}
