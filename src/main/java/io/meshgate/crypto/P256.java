package io.meshgate.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The P-256 curve (secp256r1): key pairs, and public keys read from the uncompressed point
 * encoding (what WebCrypto exports as "raw") or X.509 SubjectPublicKeyInfo, always validated:
 * on the curve, not the point at infinity, coordinates in the field, and the curve really P-256.
 */
public final class P256 {

    /** Length of an uncompressed point: 0x04 || X || Y. */
    public static final int UNCOMPRESSED_LENGTH = 65;

    private static final ECParameterSpec PARAMS = params();
    private static final SecureRandom RANDOM = new SecureRandom();

    private P256() {
    }

    /** The curve's domain parameters. */
    public static ECParameterSpec params() {
        if (PARAMS != null) {
            return PARAMS;
        }
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks secp256r1", e);
        }
    }

    /** A fresh key pair. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(PARAMS, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a P-256 key pair", e);
        }
    }

    /** The uncompressed encoding of a P-256 public key. */
    public static byte[] encodeUncompressed(ECPublicKey key) {
        byte[] out = new byte[UNCOMPRESSED_LENGTH];
        out[0] = 0x04;
        writeFixed(key.getW().getAffineX(), out, 1);
        writeFixed(key.getW().getAffineY(), out, 33);
        return out;
    }

    /** The public key in an uncompressed point, validated. */
    public static ECPublicKey decodeUncompressed(byte[] point) {
        if (point == null || point.length != UNCOMPRESSED_LENGTH || point[0] != 0x04) {
            throw invalid("a P-256 public key must be 65 bytes: 0x04 || X || Y");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        return toKey(new ECPoint(x, y));
    }

    /** The public key in an X.509 SubjectPublicKeyInfo, validated (it must be a P-256 key). */
    public static ECPublicKey decodeX509(byte[] der) {
        PublicKey k;
        try {
            k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid("not an EC SubjectPublicKeyInfo");
        }
        if (!(k instanceof ECPublicKey ec) || !sameCurve(ec.getParams())) {
            throw invalid("not a P-256 public key");
        }
        return toKey(ec.getW());
    }

    /** Checks that a key is a valid P-256 public key and returns it. */
    public static ECPublicKey validate(ECPublicKey key) {
        if (!sameCurve(key.getParams())) {
            throw invalid("not a P-256 public key");
        }
        return toKey(key.getW());
    }

    private static ECPublicKey toKey(ECPoint w) {
        checkOnCurve(w);
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, PARAMS));
        } catch (GeneralSecurityException e) {
            throw invalid("public point rejected");
        }
    }

    private static void checkOnCurve(ECPoint w) {
        if (ECPoint.POINT_INFINITY.equals(w)) {
            throw invalid("public point is the point at infinity");
        }
        EllipticCurve curve = PARAMS.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            throw invalid("public point coordinates outside the field");
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        if (!lhs.equals(rhs)) {
            throw invalid("public point is not on P-256");
        }
    }

    private static boolean sameCurve(ECParameterSpec other) {
        return other != null && other.getCurve().equals(PARAMS.getCurve())
                && other.getGenerator().equals(PARAMS.getGenerator()) && other.getOrder().equals(PARAMS.getOrder())
                && other.getCofactor() == PARAMS.getCofactor();
    }

    static void writeFixed(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, off + 32 - len, len);
    }

    private static CryptoException invalid(String message) {
        return new CryptoException(CryptoException.Reason.INVALID_KEY, message);
    }
}
