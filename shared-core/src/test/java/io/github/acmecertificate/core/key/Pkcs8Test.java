package io.github.acmecertificate.core.key;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class Pkcs8Test {

    @Test
    public void readsTheKeysThisProjectWritesWithoutBouncyCastle() throws Exception {
        for (var type : new KeyType[] {KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048}) {
            var key = type.generate().getPrivate();
            var pem = Pem.privateKey(key);
            var read = Pkcs8.readPrivateKey(pem);
            assertTrue(type + " read by the JDK path", read.isPresent());
            assertEquals(key.getAlgorithm(), read.get().getAlgorithm());
            assertArrayEquals(key.getEncoded(), read.get().getEncoded());
            assertArrayEquals(key.getEncoded(), Pem.readPrivateKey(pem).getEncoded());
        }
    }

    @Test
    public void leavesOtherFormsToTheGeneralParser() throws Exception {
        var pair = KeyType.EC_P256.generate();
        assertTrue(Pkcs8.readPrivateKey(Pem.keyPair(pair)).isEmpty());
        assertTrue(Pkcs8.readPrivateKey("-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----").isEmpty());
    }
}
