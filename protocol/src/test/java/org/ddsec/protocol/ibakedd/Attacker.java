package org.ddsec.protocol.ibakedd;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.ibakedd.flow.InsecureOnPathAttacker;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.Payload;

/**
 * An on-path attacker (or a dishonest mailbox) who knows only public values: the community's KMS
 * public key and the identities. It can make an ESK for anyone, as identity-based encryption
 * allows — the seed's {@code E_B(A, eP)}.
 */
final class Attacker {

  private final Community community;
  private final SecureRandom random = SecureRandoms.of(RandomSource.insecureSeeded(0xE));

  Attacker(Community community) {
    this.community = community;
  }

  /** The attacker's own Secret Key eP. */
  final SecretBytes sk = SecretBytes.wrap(RandomSource.insecureSeeded(0xEE).bytes(IbakeProfile.SK_BYTES));

  /**
   * {@code i2} with its IBAKE replaced by one of the attacker's making for the mailbox: IDRi = A,
   * the attacker's own [e]P as ECCPTi, and — since [y]P travelled encrypted to A — a point of its
   * own as ECCPTr.
   */
  Bytes substituteIbake(Bytes i2, String idA, String mailbox) {
    try {
      MikeyMessage m = MikeyCodec.decode(i2);
      KeyPeriod period = KeyPeriod.containing(org.ddsec.protocol.mikey.MikeyMessages.instant(
          m.first(org.ddsec.mikey.payload.TimestampPayload.class).orElseThrow()));
      Bytes e = org.ddsec.crypto.ecdh.EcdhP256.generate(random).publicPoint();
      Bytes guess = org.ddsec.crypto.ecdh.EcdhP256.generate(random).publicPoint();
      org.ddsec.mikey.payload.IbakePayload forged = IbakeMessages.encryptIbake(community, IbakeMessages.identity(period, mailbox, "IDRr"),
          DataType.I_MESSAGE_2, m.header().csbId(), new IbakeMessages.IbakeContent(idA, java.util.Optional.of(e),
              java.util.Optional.of(mailbox), java.util.Optional.of(guess)), random);
      List<Payload> ps = new ArrayList<>();
      for (Payload p : m.payloads()) {
        ps.add(p instanceof org.ddsec.mikey.payload.IbakePayload ? forged : p);
      }
      return MikeyCodec.encode(m.header(), ps).encoded();
    } catch (MikeyException x) {
      throw new AssertionError(x);
    }
  }

  /** {@code i2} with its ESK replaced by E_B(ID-A, eP) ({@link InsecureOnPathAttacker#substituteEsk}). */
  Bytes substituteEsk(Bytes i2, String idA, String idB) {
    return new InsecureOnPathAttacker(community, sk, random).substituteEsk(i2, idA, idB);
  }
}
