package org.ddsec.crypto.mikey;

import java.util.Objects;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyLabels.ForkedKey;
import org.ddsec.crypto.mikey.MikeyLabels.IbakeKey;
import org.ddsec.crypto.mikey.MikeyLabels.MessageKey;
import org.ddsec.crypto.mikey.MikeyLabels.MpkKey;
import org.ddsec.crypto.mikey.MikeyLabels.TgkKey;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;

/**
 * Every MIKEY key derivation of RFC 3830 §4.1.3-§4.1.4, RFC 6043 §5.1, §6.10 and Appendix A.2,
 * and RFC 6267 §5.1-§5.2: {@code outkey = PRF(inkey, label)} with the label of {@link
 * MikeyLabels} and the PRF named in the HDR (or the Ticket Policy).
 *
 * <p>Inputs are not consumed; every result is new key material the caller owns (typed, so a
 * salt cannot be passed where a key is expected). A zero output length yields an empty secret
 * without running the PRF (for the NULL algorithms). Arguments out of range throw {@link
 * IllegalArgumentException} naming the field.
 */
public final class MikeyKeyDerivation {

  private MikeyKeyDerivation() {}

  // ---- RFC 3830 -----------------------------------------------------------------------------------

  /** One key from a TGK for crypto session {@code csId} (RFC 3830 §4.1.3). */
  public static SecretBytes fromTgk(MikeyPrf prf, SecretBytes tgk, TgkKey key, int csId, long csbId, byte[] rand, int outBytes) {
    return derive(prf, tgk, MikeyLabels.fromTgk(key, csId, csbId, rand), outBytes);
  }

  /**
   * The TEK and salting key of crypto session {@code csId} (RFC 3830 §4.1.3), e.g. the SRTP master
   * key and salt. Use a salt carried in the Key data sub-payload instead when there is one.
   */
  public static TrafficKeys trafficKeys(MikeyPrf prf, SecretBytes tgk, int csId, long csbId, byte[] rand, int tekBytes, int saltBytes) {
    SecretBytes tek = fromTgk(prf, tgk, TgkKey.TEK, csId, csbId, rand, tekBytes);
    return new TrafficKeys(tek, fromTgk(prf, tgk, TgkKey.SALT, csId, csbId, rand, saltBytes));
  }

  /**
   * encr_key, auth_key and salt_key from an envelope key or pre-shared key (RFC 3830 §4.1.4),
   * or from the MPK in MIKEY-IBAKE (RFC 6267 §5.2, same label).
   */
  public static MessageKeys messageKeys(MikeyPrf prf, SecretBytes envelopeOrPsk, long csbId, byte[] rand, KeyLengths lengths) {
    return new MessageKeys(
        derive(prf, envelopeOrPsk, MikeyLabels.message(MessageKey.ENCR, csbId, rand), lengths.encrKeyBytes()),
        derive(prf, envelopeOrPsk, MikeyLabels.message(MessageKey.AUTH, csbId, rand), lengths.authKeyBytes()),
        derive(prf, envelopeOrPsk, MikeyLabels.message(MessageKey.SALT, csbId, rand), lengths.saltKeyBytes()));
  }

  // ---- RFC 6043 (MIKEY-TICKET) ----------------------------------------------------------------------

  /**
   * MPKr' or TGK', forked from MPKr or a TGK with the modifier (IDRr ID Data, RANDRkms); as long
   * as the inkey (RFC 6043 §5.1.1).
   */
  public static SecretBytes forkedKey(MikeyPrf prf, SecretBytes inkey, ForkedKey key, byte[] idData, byte[] randRkms) {
    return derive(prf, inkey, MikeyLabels.forking(key, idData, randRkms), inkey.length());
  }

  /**
   * The keys protecting a Ticket Request, Transfer or Resolve message, from a PSK, envelope key,
   * MPKi or MPKr' (RFC 6043 §5.1.2). An omitted RANDRi or RANDRr is an empty array.
   */
  public static MessageKeys ticketMessageKeys(MikeyPrf prf, SecretBytes inkey, long csbId, TicketMessage kind,
      byte[] randRi, byte[] randRr, KeyLengths lengths) {
    return new MessageKeys(
        derive(prf, inkey, MikeyLabels.ticketMessage(MessageKey.ENCR, csbId, kind, randRi, randRr), lengths.encrKeyBytes()),
        derive(prf, inkey, MikeyLabels.ticketMessage(MessageKey.AUTH, csbId, kind, randRi, randRr), lengths.authKeyBytes()),
        derive(prf, inkey, MikeyLabels.ticketMessage(MessageKey.SALT, csbId, kind, randRi, randRr), lengths.saltKeyBytes()));
  }

  /** One key from a TGK, TGK' or GTGK in the Ticket Transfer exchange (RFC 6043 §5.1.3). */
  public static SecretBytes ticketFromTgk(MikeyPrf prf, SecretBytes tgk, TgkKey key, int csId, byte[] randRi, byte[] randRr, int outBytes) {
    return derive(prf, tgk, MikeyLabels.ticketTgk(key, csId, randRi, randRr), outBytes);
  }

  /** The TEK and salt of crypto session {@code csId} in the Ticket Transfer exchange (RFC 6043 §5.1.3). */
  public static TrafficKeys ticketTrafficKeys(MikeyPrf prf, SecretBytes tgk, int csId, byte[] randRi, byte[] randRr,
      int tekBytes, int saltBytes) {
    SecretBytes tek = ticketFromTgk(prf, tgk, TgkKey.TEK, csId, randRi, randRr, tekBytes);
    return new TrafficKeys(tek, ticketFromTgk(prf, tgk, TgkKey.SALT, csId, randRi, randRr, saltBytes));
  }

  /** The keys of the Initiator Data (its Vr payload's auth_key), from MPKr not forked (RFC 6043 §6.10). */
  public static MessageKeys initiatorDataKeys(MikeyPrf prf, SecretBytes mpkr, KeyLengths lengths) {
    return new MessageKeys(
        derive(prf, mpkr, MikeyLabels.initiatorData(MessageKey.ENCR), lengths.encrKeyBytes()),
        derive(prf, mpkr, MikeyLabels.initiatorData(MessageKey.AUTH), lengths.authKeyBytes()),
        derive(prf, mpkr, MikeyLabels.initiatorData(MessageKey.SALT), lengths.saltKeyBytes()));
  }

  /** The keys protecting the Ticket Data, from the TPK and the ticket's RAND (RFC 6043 Appendix A.2.1). */
  public static MessageKeys tpkKeys(MikeyPrf prf, SecretBytes tpk, byte[] rand, KeyLengths lengths) {
    return new MessageKeys(
        derive(prf, tpk, MikeyLabels.tpk(MessageKey.ENCR, rand), lengths.encrKeyBytes()),
        derive(prf, tpk, MikeyLabels.tpk(MessageKey.AUTH, rand), lengths.authKeyBytes()),
        derive(prf, tpk, MikeyLabels.tpk(MessageKey.SALT, rand), lengths.saltKeyBytes()));
  }

  /** MPKi or MPKr from the ticket's MPK and RAND; as long as the MPK (RFC 6043 Appendix A.2.2). */
  public static SecretBytes fromMpk(MikeyPrf prf, SecretBytes mpk, MpkKey key, byte[] rand) {
    return derive(prf, mpk, MikeyLabels.mpk(key, rand), mpk.length());
  }

  // ---- RFC 6267 (MIKEY-IBAKE) -----------------------------------------------------------------------

  /**
   * The MPK or TGK from K_SESSION, the SEC1 octet string of the session point [x][y]P (RFC 6267
   * §5.1). Keys for the messages then come from the MPK via {@link #messageKeys} (§5.2), TEKs
   * from the TGK via {@link #trafficKeys}.
   */
  public static SecretBytes fromIbakeSessionKey(MikeyPrf prf, SecretBytes kSession, IbakeKey key, byte[] rand, int outBytes) {
    return derive(prf, kSession, MikeyLabels.ibakeSessionKey(key, rand), outBytes);
  }

  private static SecretBytes derive(MikeyPrf prf, SecretBytes inkey, byte[] label, int outBytes) {
    Objects.requireNonNull(prf, "prf");
    Objects.requireNonNull(inkey, "inkey");
    if (outBytes < 0) {
      throw new IllegalArgumentException("outkey_len: " + outBytes + " bytes (expected: ≥ 0)");
    }
    if (outBytes == 0) {
      return SecretBytes.copyOf(new byte[0]);
    }
    return prf.derive(inkey, label, Math.multiplyExact(outBytes, 8));
  }
}
