package org.ddsec.bench;

import java.security.AlgorithmParameters;
import java.security.Key;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.CipherSpi;
import javax.crypto.MacSpi;

/**
 * A JCE provider whose HMAC-SHA-256, HMAC-SHA-1, AES/CTR and SHA-256 do no cryptography: MACs are
 * zeros, AES-CTR is the identity, the digest is a cheap fold. Installed first, it makes the
 * <em>same</em> protocol code run with its crypto stubbed out, so a benchmark can show what the
 * protocol logic itself costs. Never install it anywhere else: it makes every MAC verify.
 */
public final class InsecureNullCryptoProvider extends Provider {

  private static final long serialVersionUID = 1L;

  public InsecureNullCryptoProvider() {
    super("DdsecInsecureNull", "1.0", "crypto stubbed out for benchmarks; NOT SECURE");
    put("Mac.HmacSHA256", NullMac256.class.getName());
    put("Mac.HmacSHA1", NullMac160.class.getName());
    put("Cipher.AES/CTR/NoPadding", NullCipher.class.getName());
    put("MessageDigest.SHA-256", FoldDigest.class.getName());
  }

  /** A MAC of {@code length} zero bytes. */
  public abstract static class NullMac extends MacSpi {
    private final int length;

    NullMac(int length) {
      this.length = length;
    }

    @Override
    protected int engineGetMacLength() {
      return length;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params) {}

    @Override
    protected void engineUpdate(byte input) {}

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {}

    @Override
    protected byte[] engineDoFinal() {
      return new byte[length];
    }

    @Override
    protected void engineReset() {}
  }

  public static final class NullMac256 extends NullMac {
    public NullMac256() {
      super(32);
    }
  }

  public static final class NullMac160 extends NullMac {
    public NullMac160() {
      super(20);
    }
  }

  /** A stream "cipher" that copies its input. */
  public static final class NullCipher extends CipherSpi {
    @Override
    protected void engineSetMode(String mode) {}

    @Override
    protected void engineSetPadding(String padding) {}

    @Override
    protected int engineGetBlockSize() {
      return 16;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
      return inputLen;
    }

    @Override
    protected byte[] engineGetIV() {
      return new byte[16];
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
      return null;
    }

    @Override
    protected void engineInit(int opmode, Key key, SecureRandom random) {}

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random) {}

    @Override
    protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random) {}

    @Override
    protected byte[] engineUpdate(byte[] input, int offset, int len) {
      return Arrays.copyOfRange(input, offset, offset + len);
    }

    @Override
    protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outOffset) {
      System.arraycopy(input, offset, output, outOffset, len);
      return len;
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int offset, int len) {
      return input == null ? new byte[0] : Arrays.copyOfRange(input, offset, offset + len);
    }

    @Override
    protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outOffset) {
      if (input != null) {
        System.arraycopy(input, offset, output, outOffset, len);
      }
      return len;
    }
  }

  /** 32 bytes folded from the input (so that distinct messages keep distinct ids). */
  public static final class FoldDigest extends MessageDigestSpi {
    private final byte[] state = new byte[32];
    private int at;

    @Override
    protected void engineUpdate(byte input) {
      state[at++ & 31] ^= input;
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      for (int i = 0; i < len; i++) {
        state[at++ & 31] ^= input[offset + i];
      }
    }

    @Override
    protected byte[] engineDigest() {
      byte[] out = state.clone();
      engineReset();
      return out;
    }

    @Override
    protected void engineReset() {
      Arrays.fill(state, (byte) 0);
      at = 0;
    }

    @Override
    protected int engineGetDigestLength() {
      return 32;
    }
  }
}
