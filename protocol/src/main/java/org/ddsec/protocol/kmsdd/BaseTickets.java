package org.ddsec.protocol.kmsdd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.VerificationMacInput;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.BaseTicket;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.KemacPayload;
import org.ddsec.mikey.payload.MacAlgorithm;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.mikey.payload.RandPayload;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.mikey.payload.TicketPolicy;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.VerificationPayload;

/**
 * Sealing and opening the MIKEY Base Ticket of RFC 6043 Appendix A ("Ticket Data = THDR, T, RAND,
 * KEMAC, [IDRpsk], V") under a ticket protection key (TPK).
 *
 * <p>The KEMAC uses the NULL MAC (A.1) and AES-CM with the keys of A.2.1 (from the TPK and the
 * ticket's RAND), its IV built from CSB ID 0xFFFFFFFF and the ticket's T. The V payload MACs the
 * whole TICKET payload except its Next Payload field, the Initiator Data fields and the MAC itself
 * (A.1) — so the plain identities in the Ticket Policy are authenticated with the encrypted ones:
 * E_x(…) with the identities as associated data. Opening verifies the MAC over the exact bytes
 * received before anything is decrypted.
 */
public final class BaseTickets {

  private BaseTickets() {}

  /**
   * Builds a sealed ticket.
   *
   * @param secret the KEMAC's plaintext sub-payloads (IDR and/or Key data)
   * @param idrPsk names the key that resolves the ticket, sent in clear
   */
  public static TicketPayload seal(TicketPolicy policy, Bytes thdr, TimestampPayload t, Bytes rand, List<Payload> secret,
      Optional<IdRolePayload> idrPsk, SecretBytes tpk) {
    try (MessageKeys keys = MikeyKeyDerivation.tpkKeys(KmsDdProfile.PRF, tpk, rand.toByteArray(), KmsDdProfile.KEY_LENGTHS)) {
      byte[] plain = MikeyCodec.encodeSubPayloads(secret, Scope.KEMAC);
      byte[] ct;
      try (SecretBytes p = SecretBytes.wrap(plain)) {
        ct = KmsDdProfile.ENCRYPTION.encrypt(keys.encrKey(), keys.saltKey(), KmsDdProfile.TICKET_CSB_ID, t.asUint64(), p);
      }
      KemacPayload kemac = new KemacPayload(KmsDdProfile.ENCRYPTION_CODE, Bytes.of(ct), MacAlgorithm.NULL, Bytes.EMPTY);
      List<Payload> data = new ArrayList<>(List.of(t, new RandPayload(rand), kemac));
      idrPsk.ifPresent(data::add);
      data.add(VerificationPayload.placeholder(KmsDdProfile.MAC_CODE));
      TicketPayload template = new TicketPayload(policy, new BaseTicket(thdr, data).encode(), List.of());
      byte[] mac = KmsDdProfile.MAC.compute(keys.authKey(), covered(ReceivedTicket.of(template)));
      data.set(data.size() - 1, new VerificationPayload(KmsDdProfile.MAC_CODE, Bytes.of(mac)));
      return new TicketPayload(policy, new BaseTicket(thdr, data).encode(), List.of());
    }
  }

  /** The structure of a base ticket, checked without keys: THDR, T, RAND, KEMAC, [IDRpsk], V. */
  public static BaseTicket structure(ReceivedTicket received) throws MikeyException {
    TicketPayload tp = received.ticket();
    if (!tp.initiatorData().isEmpty()) {
      throw new MikeyException(Reason.MALFORMED, "Initiator Data", "present (expected: none, no key forking in this profile)");
    }
    BaseTicket b = BaseTicket.decode(tp.ticketData(), 0);
    List<Payload> p = b.payloads();
    boolean withPsk = p.size() == 5;
    if (p.size() != 4 && !withPsk
        || !(p.get(0) instanceof TimestampPayload)
        || !(p.get(1) instanceof RandPayload)
        || !(p.get(2) instanceof KemacPayload)
        || withPsk && !(p.get(3) instanceof IdRolePayload idr && idr.idRole() == IdRole.IDRPSK.code())
        || !(p.get(p.size() - 1) instanceof VerificationPayload)) {
      throw new MikeyException(Reason.MALFORMED, "Ticket Data", describe(p) + " (expected: T, RAND, KEMAC, [IDRpsk], V)");
    }
    return b;
  }

  /** The IDRpsk in clear in the ticket, if any: which key opens it. */
  public static Optional<IdRolePayload> idrPsk(ReceivedTicket received) throws MikeyException {
    List<Payload> p = structure(received).payloads();
    return p.size() == 5 ? Optional.of((IdRolePayload) p.get(3)) : Optional.empty();
  }

  /**
   * Verifies the ticket's V under {@code tpk}, then decrypts its KEMAC.
   *
   * @param first the type of the first KEMAC sub-payload (IDR or Key data)
   * @throws MikeyException AUTH_FAILURE if the MAC does not verify (nothing is decrypted then);
   *     MALFORMED/UNSUPPORTED_* for a ticket this profile does not build
   */
  public static OpenedTicket open(ReceivedTicket received, SecretBytes tpk, PayloadType first) throws MikeyException {
    BaseTicket b = structure(received);
    List<Payload> p = b.payloads();
    TimestampPayload t = (TimestampPayload) p.get(0);
    Bytes rand = ((RandPayload) p.get(1)).rand();
    KemacPayload kemac = (KemacPayload) p.get(2);
    VerificationPayload v = (VerificationPayload) p.get(p.size() - 1);
    if (v.authAlg() != KmsDdProfile.MAC_CODE) {
      throw new MikeyException(Reason.UNSUPPORTED_MAC, "ticket V Auth alg", v.authAlg().rfcName() + " (expected: " + KmsDdProfile.MAC_CODE.rfcName() + ")");
    }
    if (kemac.encrAlg() != KmsDdProfile.ENCRYPTION_CODE || kemac.macAlg() != MacAlgorithm.NULL) {
      throw new MikeyException(Reason.UNSUPPORTED_ENCRYPTION, "ticket KEMAC",
          kemac.encrAlg().rfcName() + "/" + kemac.macAlg().rfcName() + " (expected: AES-CM-128/NULL)");
    }
    try (MessageKeys keys = MikeyKeyDerivation.tpkKeys(KmsDdProfile.PRF, tpk, rand.toByteArray(), KmsDdProfile.KEY_LENGTHS)) {
      try {
        KmsDdProfile.MAC.verify(keys.authKey(), v.verData().toByteArray(), covered(received));
      } catch (AuthenticationException e) {
        throw new MikeyException(Reason.AUTH_FAILURE, "ticket V", -1, "MAC does not verify (expected: under the ticket protection key)", e);
      }
      List<Payload> secret;
      try (SecretBytes plain = KmsDdProfile.ENCRYPTION.decrypt(keys.encrKey(), keys.saltKey(), KmsDdProfile.TICKET_CSB_ID,
          t.asUint64(), kemac.encrData().toByteArray())) {
        byte[] pb = plain.unsafeBytes();
        try {
          secret = MikeyCodec.decodeSubPayloads(pb, first, Scope.KEMAC);
        } finally {
          SecretBytes.wipe(pb);
        }
      } catch (AuthenticationException e) {
        throw new AssertionError("AES-CM does not check integrity", e);
      }
      Optional<IdRolePayload> psk = p.size() == 5 ? Optional.of((IdRolePayload) p.get(3)) : Optional.empty();
      return new OpenedTicket(received.ticket().policy(), b.thdrData(), t, rand, psk, secret);
    }
  }

  /**
   * What the V of Ticket Data covers (RFC 6043 Appendix A.1): the TICKET payload without its Next
   * Payload field, up to the MAC field; the Initiator Data fields that follow the MAC are outside.
   */
  static byte[] covered(ReceivedTicket r) {
    byte[] body = r.body().toByteArray();
    int tail = r.ticket().initiatorDataFieldsLength() + KmsDdProfile.MAC_CODE.macLength();
    byte[] withNext = new byte[body.length - tail + 1];
    System.arraycopy(body, 0, withNext, 1, body.length - tail);
    return VerificationMacInput.ticketData(withNext);
  }

  private static String describe(List<Payload> p) {
    StringBuilder sb = new StringBuilder();
    for (Payload x : p) {
      sb.append(sb.length() == 0 ? "" : ", ").append(x.type().rfcName());
    }
    return sb.toString();
  }
}
