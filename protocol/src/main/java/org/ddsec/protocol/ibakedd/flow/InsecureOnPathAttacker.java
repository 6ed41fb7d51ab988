package org.ddsec.protocol.ibakedd.flow;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.mikey.MikeyMessages;

/**
 * The seed's "ALU1" attacker, for the in-memory world and its demonstrations: an entity on the
 * signalling path that knows only public values (the community's KMS public key, the identities)
 * and replaces A's {@code E_B(A, aP)} with its own {@code E_B(A, eP)} — possible because the IBE is
 * public-key. Nothing that runs for real uses it.
 */
public final class InsecureOnPathAttacker {

  private final Community community;
  private final SecretBytes ownKey;
  private final SecureRandom random;

  /**
   * @param ownKey the Secret Key the attacker slips in (the seed's eP), {@code IbakeProfile.SK_BYTES}
   */
  public InsecureOnPathAttacker(Community community, SecretBytes ownKey, SecureRandom random) {
    this.community = Objects.requireNonNull(community, "community");
    this.ownKey = Objects.requireNonNull(ownKey, "ownKey");
    this.random = Objects.requireNonNull(random, "random");
  }

  public SecretBytes ownKey() {
    return ownKey;
  }

  /**
   * {@code i2}, an I_MESSAGE_2 as A sent it, with its ESK replaced by E_B(ID-A, eP): the same
   * recipient identity and key period, the same associated data, every other byte unchanged.
   * Anything that is not an I_MESSAGE_2 with an ESK is returned as it is.
   */
  public Bytes substituteEsk(Bytes i2, String idA, String idB) {
    try {
      MikeyMessage m = MikeyCodec.decode(i2);
      if (m.dataType() != DataType.I_MESSAGE_2 || m.first(EskPayload.class).isEmpty()) {
        return i2;
      }
      KeyPeriod period = KeyPeriod.containing(MikeyMessages.instant(m.first(TimestampPayload.class).orElseThrow()));
      EskPayload forged = IbakeMessages.encryptEsk(community, IbakeMessages.identity(period, idB, "ID-B"), DataType.I_MESSAGE_2,
          m.header().csbId(), idA, ownKey, random);
      List<Payload> ps = new ArrayList<>();
      for (Payload p : m.payloads()) {
        ps.add(p instanceof EskPayload ? forged : p);
      }
      return MikeyCodec.encode(m.header(), ps).encoded();
    } catch (MikeyException e) {
      return i2;
    }
  }
}
