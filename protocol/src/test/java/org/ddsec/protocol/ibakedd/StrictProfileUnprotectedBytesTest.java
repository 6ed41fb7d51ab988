package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.flow.Channel;
import org.ddsec.protocol.flow.Envelope;
import org.ddsec.protocol.flow.Refusal;
import org.ddsec.protocol.ibakedd.MessageFields.Field;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

/**
 * Exactly which bytes the strict RFC 6267 profile leaves unprotected, message by message, and who
 * (if anyone) notices a change to them later. RFC 6267 puts no MAC or signature on I_MESSAGE_1,
 * R_MESSAGE_1 and I_MESSAGE_2, so a receiver can only check what it can compare or decrypt.
 *
 * <p>Method. For each message of the deferred flow (Fig. 27) and of the live flow, the lowest bit
 * of every byte is flipped in turn and the copy handed to the receiving role directly, in the
 * state the genuine message finds it in (after an accepted copy the state is restored: an Error
 * message ends the new exchange, or the world is rebuilt from the same seed). A field the receiver
 * cannot even decrypt — I_MESSAGE_1's IBAKE and I_MESSAGE_2's ESK at the mailbox, the stored
 * I_MESSAGE_2's IBAKE at B — is replaced whole by random bytes instead, one candidate for the
 * field (its code path reads none of it). In an IBE ciphertext the receiver does decrypt, ten
 * bytes at the boundaries of its parts are flipped ({@link #sampled}: each costs a pairing).
 * Every truncation is refused as well. The fields with
 * accepted changes must be exactly the expected ones; then, for each, one whole flow with that
 * change shows which party refuses later, or that nobody does.
 *
 * <p>The signed profile refuses every one of these changes at the hop ({@code IbakeDdTamperTest}).
 */
class StrictProfileUnprotectedBytesTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";
  static final IbakeDdWorld BASE = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.STRICT_RFC_6267, 13);
  static final long SEED = 14;

  enum Scenario {
    DEFERRED,
    LIVE
  }

  /** The fields whose changes the receiver accepts, per hop ("message at receiver"). */
  static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("DEFERRED I_MESSAGE_1 at " + IbakeDdWorld.MAILBOX_ID,
        List.of("HDR: CSB ID", "HDR: SSRC", "HDR: ROC", "T: TS value", "RAND: RAND", "IDRi: ID data", "IBAKE: Encr data"));
    EXPECTED.put("DEFERRED R_MESSAGE_1 at " + ALICE, List.of());
    EXPECTED.put("DEFERRED I_MESSAGE_2 at " + IbakeDdWorld.MAILBOX_ID, List.of("T: TS value", "ESK: Encr data"));
    EXPECTED.put("DEFERRED R_MESSAGE_2 at " + ALICE, List.of());
    EXPECTED.put("DEFERRED inbox response at " + BOB, List.of("I_MESSAGE_2 HDR: SSRC", "I_MESSAGE_2 HDR: ROC", "I_MESSAGE_2 T: TS value",
        "I_MESSAGE_2 RAND: RAND", "I_MESSAGE_2 IBAKE: Encr data"));
    EXPECTED.put("LIVE I_MESSAGE_1 at " + BOB, List.of("HDR: SSRC", "HDR: ROC", "T: TS value", "RAND: RAND"));
    EXPECTED.put("LIVE R_MESSAGE_1 at " + ALICE, List.of());
    EXPECTED.put("LIVE I_MESSAGE_2 at " + BOB, List.of("T: TS value"));
    EXPECTED.put("LIVE R_MESSAGE_2 at " + ALICE, List.of());
  }

  /** Who refuses first when the field is changed on that hop and the flow runs on ("nobody": the flow completes). */
  static final Map<String, String> CAUGHT_BY = new LinkedHashMap<>();

  static {
    String i1 = "DEFERRED I_MESSAGE_1 at " + IbakeDdWorld.MAILBOX_ID + " / ";
    CAUGHT_BY.put(i1 + "HDR: CSB ID", IbakeDdWorld.IMS); // R_MESSAGE_1 belongs to no dialog
    CAUGHT_BY.put(i1 + "HDR: SSRC", ALICE); // echoed in R_MESSAGE_1's CS ID map
    CAUGHT_BY.put(i1 + "HDR: ROC", ALICE);
    CAUGHT_BY.put(i1 + "T: TS value", ALICE); // echoed as R_MESSAGE_1's T
    CAUGHT_BY.put(i1 + "RAND: RAND", IbakeDdWorld.MAILBOX_ID); // I_MESSAGE_2's RAND differs
    CAUGHT_BY.put(i1 + "IDRi: ID data", ALICE); // R_MESSAGE_1 names someone else
    CAUGHT_BY.put(i1 + "IBAKE: Encr data", "nobody"); // nobody ever decrypts it: harmless
    String i2 = "DEFERRED I_MESSAGE_2 at " + IbakeDdWorld.MAILBOX_ID + " / ";
    CAUGHT_BY.put(i2 + "T: TS value", ALICE); // echoed in R_MESSAGE_2 — but the mailbox has stored the message
    CAUGHT_BY.put(i2 + "ESK: Encr data", BOB); // B cannot open it
    String l1 = "LIVE I_MESSAGE_1 at " + BOB + " / ";
    CAUGHT_BY.put(l1 + "HDR: SSRC", ALICE);
    CAUGHT_BY.put(l1 + "HDR: ROC", ALICE);
    CAUGHT_BY.put(l1 + "T: TS value", ALICE);
    CAUGHT_BY.put(l1 + "RAND: RAND", BOB); // I_MESSAGE_2's RAND differs
    CAUGHT_BY.put("LIVE I_MESSAGE_2 at " + BOB + " / T: TS value", ALICE);
  }

  record At(IbakeDdWorld w, Envelope e, Tamper.Verifier receiver) {}

  static void run(Scenario s, IbakeDdWorld w) {
    if (s == Scenario.DEFERRED) {
      w.deposit(ALICE, BOB);
      w.retrieveAll(BOB);
    } else {
      w.call(ALICE, BOB);
    }
  }

  /** A fresh world stopped just before delivery {@code hop} of the scenario, and that envelope. */
  static At at(Scenario s, int hop) {
    IbakeDdWorld w = BASE.fork(IbakeMode.STRICT_RFC_6267, SEED);
    AtomicInteger n = new AtomicInteger();
    AtomicReference<Envelope> got = new AtomicReference<>();
    w.setInterceptor(e -> {
      int i = n.getAndIncrement();
      if (got.get() != null || i == hop) {
        got.compareAndSet(null, e);
        return List.of();
      }
      return List.of(e);
    });
    run(s, w);
    return new At(w, got.get(), Receivers.of(w, got.get()).orElseThrow());
  }

  static boolean accepts(Tamper.Verifier v, byte[] c) {
    try {
      v.verify(c);
      return true;
    } catch (MikeyException e) {
      return false;
    } catch (Exception e) {
      throw new AssertionError("untyped refusal: " + e, e);
    }
  }

  static String key(Scenario s, Envelope e) {
    return s + " " + Receivers.name(e);
  }

  @Test
  void strictProfile_unprotectedFieldsPerMessage_areExactlyTheExpectedOnes_andWhoNoticesLater() {
    Map<String, Map<String, TreeSet<Integer>>> found = new LinkedHashMap<>();
    Map<String, Integer> hopOf = new LinkedHashMap<>();
    for (Scenario s : Scenario.values()) {
      IbakeDdWorld ref = BASE.fork(IbakeMode.STRICT_RFC_6267, SEED);
      run(s, ref);
      assertThat(ref.refusals()).isEmpty();
      List<Envelope> d = ref.delivered();
      for (int hop = 0; hop < d.size(); hop++) {
        Envelope e = d.get(hop);
        if (e.channel() == Channel.KMS || Receivers.of(ref, e).isEmpty()) {
          continue;
        }
        String k = key(s, e);
        hopOf.put(k, hop);
        found.put(k, classify(s, hop));
      }
    }
    StringBuilder report = new StringBuilder();
    found.forEach((hop, fields) -> {
      report.append(hop).append(":\n");
      fields.forEach((f, bytes) -> report.append("    ").append(f).append(" bytes ").append(ranges(bytes)).append('\n'));
    });
    System.out.println("Strict RFC 6267: changes accepted at the hop\n" + report);
    assertThat(found.keySet()).containsExactlyElementsOf(EXPECTED.keySet());
    for (String hop : EXPECTED.keySet()) {
      assertThat(new TreeSet<>(found.get(hop).keySet())).as(hop + "\n" + report).isEqualTo(new TreeSet<>(EXPECTED.get(hop)));
    }
    // Later: who notices.
    Map<String, String> caught = new LinkedHashMap<>();
    for (String hop : found.keySet()) {
      Scenario s = Scenario.valueOf(hop.substring(0, hop.indexOf(' ')));
      if (hop.contains("inbox response")) {
        continue; // B is the last receiver; see inboxChanges_atB_changeOnlyWhatTheyName
      }
      found.get(hop).forEach((field, bytes) -> caught.put(hop + " / " + field, whoNotices(s, hopOf.get(hop), bytes.first(), field)));
    }
    assertThat(caught).isEqualTo(CAUGHT_BY);
  }

  /** The fields of hop {@code hop} whose change the receiver accepts, with the accepted byte offsets. */
  static Map<String, TreeSet<Integer>> classify(Scenario s, int hop) {
    At pos = at(s, hop);
    byte[] orig = pos.e().body().toByteArray();
    boolean inbox = pos.e().channel() == Channel.INBOX;
    List<Field> fields = MessageFields.of(pos.e().body(), inbox);
    List<String> opaque = opaque(pos.e());
    Map<String, TreeSet<Integer>> accepted = new TreeMap<>();
    SplittableRandom rnd = new SplittableRandom(hop);
    for (int i = 0; i < orig.length; i++) {
      Field f = MessageFields.at(fields, i);
      boolean whole = opaque.contains(f.name());
      if (whole && i != f.offset() || !whole && f.name().endsWith("Encr data") && !sampled(f, i)) {
        continue;
      }
      byte[] c = orig.clone();
      if (whole) {
        for (int j = f.offset(); j < f.end(); j++) {
          c[j] = (byte) rnd.nextInt(256);
        }
      } else {
        c[i] ^= 1;
      }
      if (accepts(pos.receiver(), c)) {
        TreeSet<Integer> at = accepted.computeIfAbsent(f.name(), x -> new TreeSet<>());
        for (int j = whole ? f.offset() : i; j < (whole ? f.end() : i + 1); j++) {
          at.add(j);
        }
        pos = restore(pos, s, hop, c);
      }
    }
    Tamper.assertEveryTruncationRejected(orig, MikeyException.class, pos.receiver());
    // The genuine message is still accepted: nothing above changed the receiver's state.
    assertThat(accepts(pos.receiver(), orig)).as("genuine message after the candidates").isTrue();
    return accepted;
  }

  /**
   * The bytes of an IBE ciphertext the receiver decrypts that are flipped here: the first, second
   * and last of the Encapsulated Data's R, both ends of H, of the AES-GCM ciphertext and of the
   * tag (ED = 0x04 || R (256) || H (16); then C; then the 16-octet tag, docs/ibe.md). Each costs a
   * SAKKE decapsulation; that every bit flip of a ciphertext is refused is proven in {@code
   * crypto} ({@code IbeEncryptionTest}), and for the signed profile here by {@code
   * IbakeDdTamperTest}.
   */
  static boolean sampled(Field f, int i) {
    int o = i - f.offset();
    int n = f.length();
    return o == 0 || o == 1 || o == 256 || o == 257 || o == 272 || o == 273 || o == (273 + n - 16) / 2 || o == n - 17 || o == n - 16
        || o == n - 1;
  }

  /** The fields the receiver of {@code e} cannot decrypt (one candidate replaces each whole). */
  static List<String> opaque(Envelope e) {
    if (e.channel() == Channel.INBOX) {
      return List.of("I_MESSAGE_2 IBAKE: Encr data");
    }
    if (e.to().equals(IbakeDdWorld.MAILBOX_ID)) {
      return List.of(e.body().get(1) == org.ddsec.mikey.DataType.I_MESSAGE_1.code() ? "IBAKE: Encr data" : "ESK: Encr data");
    }
    return List.of();
  }

  /** After an accepted candidate: an I_MESSAGE_1's new exchange is ended by an Error message; anything else rebuilds the world. */
  static At restore(At pos, Scenario s, int hop, byte[] accepted) {
    int type = accepted[1] & 0xFF;
    if (type == org.ddsec.mikey.DataType.I_MESSAGE_1.code()) {
      byte[] err = MikeyMessages.error(MikeyMessages.csbIdOf(accepted), ErrorCode.UNSPECIFIED, pos.w().clock().instant()).encoded().toByteArray();
      accepts(pos.receiver(), err);
      return pos;
    }
    if (pos.e().channel() == Channel.INBOX) {
      return pos;
    }
    return at(s, hop);
  }

  /** Runs the scenario with the lowest bit of byte {@code at} (or, for an opaque field, the whole field) changed on hop {@code hop}. */
  static String whoNotices(Scenario s, int hop, int at, String field) {
    IbakeDdWorld w = BASE.fork(IbakeMode.STRICT_RFC_6267, SEED);
    AtomicInteger n = new AtomicInteger();
    w.setInterceptor(e -> {
      if (n.getAndIncrement() != hop) {
        return List.of(e);
      }
      byte[] c = e.body().toByteArray();
      Field f = MessageFields.at(MessageFields.of(e.body(), false), at);
      if (opaque(e).contains(f.name())) {
        SplittableRandom r = new SplittableRandom(at);
        for (int j = f.offset(); j < f.end(); j++) {
          c[j] = (byte) r.nextInt(256);
        }
      } else {
        c[at] ^= 1;
      }
      return List.of(e.withBody(Bytes.of(c)));
    });
    run(s, w);
    List<Refusal> r = w.refusals();
    return r.isEmpty() ? "nobody" : r.get(0).party();
  }

  @Test
  void inboxChanges_atB_changeOnlyWhatTheyName() throws MikeyException {
    // What B accepts in a stored I_MESSAGE_2 (strict profile) and what it then holds.
    IbakeDdWorld w = BASE.fork(IbakeMode.STRICT_RFC_6267, SEED);
    IbakeCall a = w.deposit(ALICE, BOB).orElseThrow();
    StoredMessage m = w.mailboxStore().all().get(0).message();
    List<Field> fields = MessageFields.mikey(m.iMessage2(), 0, "");
    Map<String, Boolean> sameKeys = new TreeMap<>();
    for (String name : List.of("T: TS value", "RAND: RAND", "HDR: SSRC", "HDR: ROC")) {
      Field f = fields.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      byte[] c = m.iMessage2().toByteArray();
      c[f.end() - 1] ^= 1;
      DeferredMessage got = w.user(BOB).recipient().open(new StoredMessage(m.msgId(), m.idA(), m.idB(), Bytes.of(c)));
      assertThat(got.sk().constantTimeEquals(a.mediaKey())).isTrue();
      sameKeys.put(name, got.srtp().tek().constantTimeEquals(a.srtp().tek()));
    }
    // A changed RAND gives B other SRTP keys (the media will not authenticate); T, SSRC and ROC
    // change no key — the SSRC/ROC B expects differ from the stored media's (the media layer notices).
    assertThat(sameKeys).isEqualTo(Map.of("T: TS value", true, "RAND: RAND", false, "HDR: SSRC", true, "HDR: ROC", true));
  }

  static String ranges(TreeSet<Integer> b) {
    List<String> out = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int i : b) {
      if (start == null) {
        start = i;
      } else if (i != prev + 1) {
        out.add(start.equals(prev) ? "" + start : start + "-" + prev);
        start = i;
      }
      prev = i;
    }
    if (start != null) {
      out.add(start.equals(prev) ? "" + start : start + "-" + prev);
    }
    return String.join(", ", out);
  }
}
