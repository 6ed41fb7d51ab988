package org.ddsec.crypto.mikey;

import java.util.Objects;

/**
 * The exact byte string a MIKEY MAC or signature covers, per message kind. Pure concatenation of
 * the bytes given: pass the bytes as received or as they will be sent, never a re-encoding.
 *
 * <p>"{@code messageUpToMac}" is the message's covered bytes: from the first HDR byte up to, not
 * including, the MAC/Signature field (RFC 3830 §5.2), without the parts an extension leaves out
 * (a TRANSFER_INIT's Initiator Data, RFC 6043 §5.5; an IBAKE message's ESK, RFC 6267 §5.4). The
 * codec computes exactly that ({@code MikeyMessage.authenticatedBytes()}), so which bytes are
 * covered is decided in one place. Identities are the ID data of the ID/IDR payloads only, not
 * the whole payloads (RFC 6043 §5.5, RFC 6267 §5.4).
 */
public final class VerificationMacInput {

  private VerificationMacInput() {}

  // ---- RFC 3830 -----------------------------------------------------------------------------------

  /**
   * Any message whose MAC or signature covers only the message itself: the initial PSK, PK and DH
   * messages and Error messages (RFC 3830 §5.2, "the entire MIKEY message, except the
   * MAC/Signature field"; RFC 6043 §5.4 / Table 5.2 "Error message").
   */
  public static byte[] message(byte[] messageUpToMac) {
    return concat(messageUpToMac);
  }

  /**
   * The Verification message of the PSK and PK methods (RFC 3830 §5.2): {@code message ||
   * Identity_i || Identity_r || Timestamp}, the identities and timestamp being those of the ID and
   * T payloads of the exchange.
   *
   * @param timestamp the TS value of the initiator's T payload (8 bytes for NTP, 4 for COUNTER)
   */
  public static byte[] rfc3830Verification(byte[] messageUpToMac, byte[] identityI, byte[] identityR, byte[] timestamp) {
    return concat(messageUpToMac, identityI, identityR, timestamp);
  }

  /**
   * The MAC of a KEMAC payload in the public-key method (RFC 3830 §5.2): the whole KEMAC payload
   * up to its MAC field, with its Next payload field set to zero.
   */
  public static byte[] pkeKemac(byte[] kemacPayloadUpToMac) {
    byte[] out = concat(kemacPayloadUpToMac);
    if (out.length == 0) {
      throw new IllegalArgumentException("KEMAC payload: 0 bytes (expected: at least the Next payload field)");
    }
    out[0] = 0;
    return out;
  }

  // ---- RFC 6043 Table 5.2 -------------------------------------------------------------------------

  /** REQUEST_INIT: {@code REQUEST_INIT || Identity_i || Identity_kms} (RFC 6043 §5.5). */
  public static byte[] requestInit(byte[] messageUpToMac, byte[] identityI, byte[] identityKms) {
    return concat(messageUpToMac, identityI, identityKms);
  }

  /** REQUEST_RESP: {@code REQUEST_RESP || REQUEST_INIT}, the whole initial message with its MAC (RFC 6043 §5.5). */
  public static byte[] requestResp(byte[] messageUpToMac, byte[] requestInit) {
    return concat(messageUpToMac, requestInit);
  }

  /**
   * TRANSFER_INIT: {@code TRANSFER_INIT || Identity_i || Identity_r} (RFC 6043 §5.5), the message
   * already without the Initiator Data length and Initiator Data fields of its TICKET.
   */
  public static byte[] transferInit(byte[] messageUpToMac, byte[] identityI, byte[] identityR) {
    return concat(messageUpToMac, identityI, identityR);
  }

  /**
   * TRANSFER_RESP: {@code TRANSFER_RESP || TRANSFER_INIT}, the whole initial message as received,
   * MAC and Initiator Data included (RFC 6043 §5.5).
   */
  public static byte[] transferResp(byte[] messageUpToMac, byte[] transferInit) {
    return concat(messageUpToMac, transferInit);
  }

  /** RESOLVE_INIT: {@code RESOLVE_INIT || Identity_r || Identity_kms} (RFC 6043 §5.5). */
  public static byte[] resolveInit(byte[] messageUpToMac, byte[] identityR, byte[] identityKms) {
    return concat(messageUpToMac, identityR, identityKms);
  }

  /** RESOLVE_RESP: {@code RESOLVE_RESP || RESOLVE_INIT}, the whole initial message with its MAC (RFC 6043 §5.5). */
  public static byte[] resolveResp(byte[] messageUpToMac, byte[] resolveInit) {
    return concat(messageUpToMac, resolveInit);
  }

  /**
   * The V payload at the end of the default Ticket Data (RFC 6043 Appendix A.1): the whole TICKET
   * payload except its Next Payload field, up to the MAC field (the Initiator Data length and
   * Initiator Data follow the MAC and are therefore not covered).
   *
   * @param ticketPayloadUpToMac the TICKET payload from its Next Payload field to the MAC field
   */
  public static byte[] ticketData(byte[] ticketPayloadUpToMac) {
    Objects.requireNonNull(ticketPayloadUpToMac, "ticketPayloadUpToMac");
    return without(ticketPayloadUpToMac, 0, Math.min(1, ticketPayloadUpToMac.length));
  }

  // ---- RFC 6267 ---------------------------------------------------------------------------------

  /**
   * A MIKEY-IBAKE message (RFC 6267 §5.4): the message, already without its ESK payload, then
   * {@code Identity_i || Identity_r}.
   */
  public static byte[] ibake(byte[] messageUpToMac, byte[] identityI, byte[] identityR) {
    return concat(messageUpToMac, identityI, identityR);
  }

  private static byte[] without(byte[] b, int offset, int length) {
    Objects.requireNonNull(b, "message");
    Objects.checkFromIndexSize(offset, length, b.length);
    byte[] out = new byte[b.length - length];
    System.arraycopy(b, 0, out, 0, offset);
    System.arraycopy(b, offset + length, out, offset, b.length - offset - length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      Objects.requireNonNull(p, "part");
      n = Math.addExact(n, p.length);
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
