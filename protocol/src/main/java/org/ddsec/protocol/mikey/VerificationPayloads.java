package org.ddsec.protocol.mikey;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.MacAlgorithm;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.VerificationPayload;

/**
 * Sealing and verifying a MIKEY message with a final V payload (RFC 3830 §5.2, §6.9; RFC 6043
 * §5.5).
 *
 * <p>The MAC covers the message's exact bytes up to the Ver data field ({@link
 * MikeyMessage#authenticatedBytes()}, which also leaves out a TRANSFER_INIT's Initiator Data and
 * an IBAKE message's ESK),
 * followed by what the exchange adds: the identities and initiator timestamp (RFC 3830 §5.2), or
 * the identities / the whole initial message of RFC 6043 Table 5.2. Those trailing parts are
 * built by {@link org.ddsec.crypto.mikey.VerificationMacInput} and passed as {@code covered}.
 *
 * <p>A V payload with the NULL algorithm authenticates nothing and is refused on verification.
 */
public final class VerificationPayloads {

  private VerificationPayloads() {}

  /**
   * Encodes {@code header}, {@code body} and a V payload whose MAC, under {@code authKey}, covers
   * the message and then {@code covered}.
   */
  public static MikeyMessage seal(CommonHeader header, List<Payload> body, MikeyMac alg, SecretBytes authKey, byte[]... covered) {
    if (alg == MikeyMac.INSECURE_NULL) {
      throw new IllegalArgumentException("V payload with the NULL MAC authenticates nothing");
    }
    List<Payload> ps = new ArrayList<>(body);
    ps.add(VerificationPayload.placeholder(MacAlgorithm.lookup(alg.code())));
    MikeyMessage template = MikeyCodec.encode(header, ps);
    byte[] mac = alg.compute(authKey, prepend(template.authenticatedBytes().toByteArray(), covered));
    return template.withAuthenticator(Bytes.of(mac));
  }

  /**
   * Verifies the final V payload of {@code m}.
   *
   * @throws MikeyException {@link Reason#AUTH_FAILURE} if the message does not end in a V payload,
   *     uses the NULL MAC, or the MAC does not verify
   */
  public static void verify(MikeyMessage m, SecretBytes authKey, byte[]... covered) throws MikeyException {
    if (m.payloads().isEmpty() || !(m.payloads().get(m.payloads().size() - 1) instanceof VerificationPayload v)) {
      throw new MikeyException(Reason.AUTH_FAILURE, "V", "missing (expected: a final V payload)");
    }
    if (v.authAlg() == MacAlgorithm.NULL) {
      throw new MikeyException(Reason.AUTH_FAILURE, "Auth alg", "NULL (expected: a MAC algorithm)");
    }
    MikeyMac alg = MikeyMac.fromCode(v.authAlg().code());
    try {
      alg.verify(authKey, v.verData().toByteArray(), prepend(m.authenticatedBytes().toByteArray(), covered));
    } catch (AuthenticationException e) {
      throw new MikeyException(Reason.AUTH_FAILURE, "Ver data", m.authenticatorField().orElseThrow().offset(),
          "MAC does not verify (expected: " + alg.rfcName() + " under the message key)", e);
    }
  }

  /** Decodes {@code bytes} and verifies its V payload: the receive path in one call. */
  public static MikeyMessage decodeAndVerify(byte[] bytes, SecretBytes authKey, byte[]... covered) throws MikeyException {
    MikeyMessage m = MikeyCodec.decode(bytes);
    verify(m, authKey, covered);
    return m;
  }

  static byte[][] prepend(byte[] first, byte[][] rest) {
    byte[][] all = new byte[rest.length + 1][];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
