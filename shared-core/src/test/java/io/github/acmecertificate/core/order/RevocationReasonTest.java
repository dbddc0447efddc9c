package io.github.acmecertificate.core.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.order.CertificateRevoker.SigningKey;
import org.junit.Test;

public class RevocationReasonTest {

    @Test
    public void parsesNamesInAnyFormAndCodes() throws Exception {
        assertEquals(RevocationReason.UNSPECIFIED, RevocationReason.parse(null));
        assertEquals(RevocationReason.KEY_COMPROMISE, RevocationReason.parse("keyCompromise"));
        assertEquals(RevocationReason.KEY_COMPROMISE, RevocationReason.parse("key-compromise"));
        assertEquals(RevocationReason.KEY_COMPROMISE, RevocationReason.parse("KEY_COMPROMISE"));
        assertEquals(RevocationReason.SUPERSEDED, RevocationReason.parse(" 4 "));
        assertEquals(5, RevocationReason.parse("cessationOfOperation").toAcme().getReasonCode());
    }

    @Test
    public void anUnknownReasonListsTheValidOnes() {
        var ex = assertThrows(InvalidInputException.class, () -> RevocationReason.parse("caCompromise"));
        assertEquals("reason", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("keyCompromise (1)"));
        assertThrows(InvalidInputException.class, () -> RevocationReason.parse("2"));
    }

    @Test
    public void signingKeyIsAccountOrCertificate() throws Exception {
        assertEquals(SigningKey.ACCOUNT, SigningKey.parse(""));
        assertEquals(SigningKey.CERTIFICATE, SigningKey.parse("Certificate"));
        assertEquals("revokeWith", assertThrows(InvalidInputException.class, () -> SigningKey.parse("key")).field());
    }
}
