package org.ddsec.protocol.gba;

import java.util.Set;
import java.util.SplittableRandom;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;

/** A subscriber with the Milenage credentials of TS 35.208 test set 1, and seeded randomness. */
final class GbaFixtures {

  static final String IMPI = "alice@ims.example.org";
  static final String IMPU = "sip:alice@ims.example.org";
  /** TS 35.208 §4.3 test set 1: K and OPc. */
  static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

  private GbaFixtures() {}

  static Subscriber alice() {
    return subscriber(IMPI, IMPU);
  }

  static Subscriber subscriber(String impi, String impu) {
    return new Subscriber(impi, Set.of(impu), SecretBytes.fromHex(K), SecretBytes.fromHex(OPC), Subscriber.DEFAULT_AMF, Sqn.ZERO);
  }

  static Usim usim() {
    return new Usim(SecretBytes.fromHex(K), SecretBytes.fromHex(OPC));
  }

  static RandomSource seeded(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return r::nextBytes;
  }
}
