package org.ddsec.crypto.milenage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

class MilenageTest {

  /** One row of TS 35.208 §4.3. */
  record TestSet(int n, String k, String rand, String sqn, String amf, String op, String opc,
      String f1, String f1s, String f2, String f3, String f4, String f5, String f5s) {}

  static List<TestSet> testSets() throws Exception {
    List<TestSet> sets = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        MilenageTest.class.getResourceAsStream("ts35208-test-sets.txt"), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        sets.add(new TestSet(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]));
      }
    }
    return sets;
  }

  @Test
  void ts35208_allTestSets_everyFunction() throws Exception {
    List<TestSet> sets = testSets();
    assertThat(sets).hasSize(19);
    for (TestSet t : sets) {
      String id = "TS 35.208 test set " + t.n();
      SecretBytes k = SecretBytes.fromHex(t.k());
      assertThat(Milenage.computeOpc(k, SecretBytes.fromHex(t.op())).unsafeHex()).as(id + " OPc").isEqualTo(t.opc());
      try (Milenage m = Milenage.withOp(k, SecretBytes.fromHex(t.op()))) {
        Milenage.F1 f1 = m.f1(Hex.decode(t.rand()), Hex.decode(t.sqn()), Hex.decode(t.amf()));
        assertThat(f1.macA().hex()).as(id + " f1").isEqualTo(t.f1());
        assertThat(f1.macS().hex()).as(id + " f1*").isEqualTo(t.f1s());
        Milenage.F2345 f = m.f2345(Hex.decode(t.rand()));
        assertThat(f.res().hex()).as(id + " f2").isEqualTo(t.f2());
        assertThat(f.ck().unsafeHex()).as(id + " f3").isEqualTo(t.f3());
        assertThat(f.ik().unsafeHex()).as(id + " f4").isEqualTo(t.f4());
        assertThat(f.ak().unsafeHex()).as(id + " f5").isEqualTo(t.f5());
        assertThat(m.f5star(Hex.decode(t.rand())).unsafeHex()).as(id + " f5*").isEqualTo(t.f5s());
        assertThat(m.opc().unsafeHex()).as(id + " OPc held").isEqualTo(t.opc());
      }
      // The same results from OPc directly.
      try (Milenage m = Milenage.withOpc(k, SecretBytes.fromHex(t.opc()))) {
        assertThat(m.f2345(Hex.decode(t.rand())).res().hex()).as(id + " f2 via OPc").isEqualTo(t.f2());
      }
    }
  }

  /** A simple USIM check for the tests: strictly increasing SQN. */
  static final class IncreasingSqn implements Aka.SqnCheck {
    byte[] highest;

    IncreasingSqn(byte[] start) {
      highest = start.clone();
    }

    @Override
    public boolean isAcceptable(byte[] sqn) {
      return java.util.Arrays.compareUnsigned(sqn, highest) > 0;
    }

    @Override
    public void accept(byte[] sqn) {
      highest = sqn.clone();
    }

    @Override
    public byte[] highest() {
      return highest.clone();
    }
  }

  @Test
  void autn_ts35208Set1_layoutAndUsimAcceptance() throws Exception {
    TestSet t = testSets().get(0);
    try (Milenage m = Milenage.withOpc(SecretBytes.fromHex(t.k()), SecretBytes.fromHex(t.opc()))) {
      Aka.AuthenticationVector av = Aka.generate(m, Hex.decode(t.rand()), Hex.decode(t.sqn()), Hex.decode(t.amf()));
      // AUTN = (SQN xor AK) || AMF || MAC-A with the set's f5 and f1 (TS 33.102 §6.3.2).
      byte[] sqnXorAk = new byte[6];
      for (int i = 0; i < 6; i++) {
        sqnXorAk[i] = (byte) (Hex.decode(t.sqn())[i] ^ Hex.decode(t.f5())[i]);
      }
      assertThat(av.autn().hex()).isEqualTo(Hex.encode(sqnXorAk) + t.amf() + t.f1());
      assertThat(av.xres().hex()).isEqualTo(t.f2());
      Aka.UsimResult u = Aka.verify(m, Hex.decode(t.rand()), av.autn().toByteArray(), new IncreasingSqn(new byte[6]));
      assertThat(u.sqn().hex()).isEqualTo(t.sqn());
      assertThat(u.res()).isEqualTo(av.xres());
      assertThat(u.ck().constantTimeEquals(av.ck())).isTrue();
    }
  }

  @Test
  void aka_roundTrip_andStaleSqn_givesVerifiableAuts() {
    Property.forAll(100, r -> {
      try (Milenage net = Milenage.withOpc(SecretBytes.copyOf(Property.bytes(r, 16)), SecretBytes.copyOf(Property.bytes(r, 16)))) {
        byte[] rand = Property.bytes(r, 16);
        byte[] sqn = Property.bytes(r, 6);
        byte[] amf = Property.bytes(r, 2);
        Aka.AuthenticationVector av = Aka.generate(net, rand, sqn, amf);
        // USIM that has already seen a higher SQN: synchronisation failure with AUTS.
        byte[] higher = sqn.clone();
        higher[0] = (byte) 0xFF;
        higher[5] = (byte) 0xFF;
        IncreasingSqn usim = new IncreasingSqn(higher);
        SynchronisationFailureException sync = assertThrows(SynchronisationFailureException.class,
            () -> Aka.verify(net, rand, av.autn().toByteArray(), usim));
        Bytes sqnMs = Aka.resynchronise(net, rand, sync.auts().toByteArray());
        assertThat(sqnMs.toByteArray()).isEqualTo(higher);
        // A fresh USIM accepts and derives the same keys.
        Aka.UsimResult ok = Aka.verify(net, rand, av.autn().toByteArray(), new IncreasingSqn(new byte[6]));
        assertThat(ok.res()).isEqualTo(av.xres());
        assertThat(ok.ik().constantTimeEquals(av.ik())).isTrue();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void autn_everyBitFlip_isRefused() throws Exception {
    TestSet t = testSets().get(2);
    try (Milenage m = Milenage.withOpc(SecretBytes.fromHex(t.k()), SecretBytes.fromHex(t.opc()))) {
      byte[] rand = Hex.decode(t.rand());
      byte[] autn = Aka.generate(m, rand, Hex.decode(t.sqn()), Hex.decode(t.amf())).autn().toByteArray();
      // A flip in SQN⊕AK, AMF or MAC-A changes MAC-A's input or value: always a MAC failure.
      Tamper.assertEveryBitFlipRejected(autn, MacFailureException.class, a -> Aka.verify(m, rand, a, new IncreasingSqn(new byte[6])));
      byte[] auts = Aka.auts(m, rand, Hex.decode("0000000000ff")).toByteArray();
      Tamper.assertEveryBitFlipRejected(auts, MacFailureException.class, a -> Aka.resynchronise(m, rand, a));
    }
  }

  /**
   * AUTS values produced by other implementations, from hostapd's tests/test-milenage.c: one made
   * with TS 35.208 test set 19's K/OPc/RAND, one "from a test USIM" with RAND = 0xaa…aa. MAC-S
   * must verify (hostapd checks the same).
   */
  @Test
  void auts_fromHostapdTests_verify() throws Exception {
    TestSet t = testSets().get(18);
    try (Milenage m = Milenage.withOpc(SecretBytes.fromHex(t.k()), SecretBytes.fromHex(t.opc()))) {
      Bytes s1 = Aka.resynchronise(m, Hex.decode(t.rand()), Hex.decode("4f2039392ddd4bb4316ed4a14688"));
      // SQN_MS = AUTS[0..5] xor f5* of the set (4f2039392ddc) = 000000000001
      assertThat(s1.hex()).isEqualTo("000000000001");
      byte[] aa = new byte[16];
      java.util.Arrays.fill(aa, (byte) 0xaa);
      Bytes s2 = Aka.resynchronise(m, aa, Hex.decode("43681ad3daf006bcde405a207267"));
      assertThat(s2.length()).isEqualTo(6);
    }
  }

  @Test
  void wrongLengths_areRefused() {
    try (Milenage m = Milenage.withOpc(SecretBytes.fromHex("00".repeat(16)), SecretBytes.fromHex("00".repeat(16)))) {
      assertThrows(IllegalArgumentException.class, () -> m.f2345(new byte[15]));
      assertThrows(IllegalArgumentException.class, () -> m.f1(new byte[16], new byte[5], new byte[2]));
    }
    assertThrows(IllegalArgumentException.class, () -> Milenage.withOpc(SecretBytes.fromHex("00"), SecretBytes.fromHex("00".repeat(16))));
    assertThat(Milenage.withOpc(SecretBytes.fromHex("00".repeat(16)), SecretBytes.fromHex("00".repeat(16))).toString()).doesNotContain("00");
  }
}
