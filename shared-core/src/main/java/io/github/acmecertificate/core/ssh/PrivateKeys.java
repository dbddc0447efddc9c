package io.github.acmecertificate.core.ssh;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;

import io.github.acmecertificate.core.key.Pem;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;

/**
 * Reads the unencrypted PEM keys the SSH library cannot: a PKCS#8 EC key without its
 * public point (as Java and Bouncy Castle write them). An SSH login needs the public key
 * too, so it is derived from the private one.
 */
final class PrivateKeys {

    private PrivateKeys() {
    }

    static KeyPair fromPem(String pem) throws IOException, GeneralSecurityException {
        var key = Pem.readPrivateKey(pem);
        if (key instanceof RSAPrivateCrtKey rsa) {
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new KeyPair(publicKey, key);
        }
        if (key instanceof ECPrivateKey ec) {
            var curve = EC5Util.convertSpec(ec.getParams());
            var q = curve.getG().multiply(ec.getS()).normalize();
            var point = new ECPoint(new BigInteger(1, q.getAffineXCoord().getEncoded()),
                    new BigInteger(1, q.getAffineYCoord().getEncoded()));
            var publicKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
            return new KeyPair(publicKey, key);
        }
        throw new GeneralSecurityException("unsupported " + key.getAlgorithm() + " key");
    }
}
