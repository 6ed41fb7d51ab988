package org.ddsec.protocol.ibakedd;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.ibe.eccsi.EccsiSigningKey;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.SignPayload;

/** Test helpers that rebuild a message with some payloads changed, and re-sign it with a chosen key. */
final class Forge {

  static final SecureRandom RANDOM = SecureRandoms.of(RandomSource.insecureSeeded(0xF0));

  private Forge() {}

  static MikeyMessage decode(Bytes b) {
    try {
      return MikeyCodec.decode(b);
    } catch (MikeyException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code b} with its payloads mapped by {@code f} (null drops one) and re-encoded; a SIGN is kept as it was. */
  static Bytes edit(Bytes b, UnaryOperator<Payload> f) {
    MikeyMessage m = decode(b);
    List<Payload> ps = new ArrayList<>();
    for (Payload p : m.payloads()) {
      Payload q = p instanceof SignPayload ? p : f.apply(p);
      if (q != null) {
        ps.add(q);
      }
    }
    return MikeyCodec.encode(m.header(), ps).encoded();
  }

  /** {@code b} (ending in SIGN) signed again by {@code key} over the same covered bytes and identities. */
  static Bytes resign(Bytes b, EccsiSigningKey key, String idI, String idR) {
    MikeyMessage m = decode(b);
    List<Payload> ps = new ArrayList<>(m.payloads().subList(0, m.payloads().size() - 1));
    return IbakeMessages.seal(m.header(), ps, IbakeMode.DDSEC_SIGNED, key, idI, idR, RANDOM).encoded();
  }
}
