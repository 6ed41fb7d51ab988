package org.ddsec.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.flow.Envelope;
import org.ddsec.protocol.ibakedd.DeferredMessage;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMessages.IbakeContent;
import org.ddsec.protocol.ibakedd.IbakeMessages.Received;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot paths of IBAKE deferred delivery (seed Fig. 27), per message, one thread:
 *
 * <ul>
 *   <li>{@code aBuildsIMessage2} (step 5): A's I_MESSAGE_2 — IBAKE = E_Bm(ID-A, xP, ID-Bm, yP) and
 *       ESK = E_B(ID-A, SK), two SAKKE encapsulations with AES-GCM, and in the signed profile the
 *       ECCSI signature over all of it;
 *   <li>{@code mailboxChecksIMessage2} (step 6): the mailbox's checks of a captured I_MESSAGE_2 —
 *       strict decode, (signed) A's ECCSI signature, the IBAKE decrypted with the mailbox's RSK
 *       (one SAKKE decapsulation with its §6.2.2 step 5 re-encapsulation check) — without the
 *       state, ECDH and R_MESSAGE_2;
 *   <li>{@code bOpensMessage} (step 12): B opens a stored message — decode, (signed) A's signature,
 *       the ESK decrypted with B's RSK, SRTP master key and salt from SK ({@code
 *       IbakeRecipient.open}, which changes no state).
 * </ul>
 *
 * {@code mode} compares ddsec's signed profile with strict RFC 6267: the difference is the cost
 * of closing the ALU1 gap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IbakeDdBenchmark {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";

  @Param({"DDSEC_SIGNED", "STRICT_RFC_6267"})
  public IbakeMode mode;

  IbakeDdWorld w;
  SecureRandom random;
  PeriodKeys alice;
  PeriodKeys mailbox;
  Bytes iMessage2;
  StoredMessage stored;
  long csb;
  MikeyMessage template;
  IbakeContent content;
  SecretBytes sk;

  @Setup(Level.Trial)
  public void setup() throws MikeyException {
    w = new IbakeDdWorld(List.of(ALICE, BOB), mode, 1);
    List<Envelope> toMailbox = new ArrayList<>();
    w.setInterceptor(e -> {
      if (e.to().equals(IbakeDdWorld.MAILBOX_ID)) {
        toMailbox.add(e);
      }
      return List.of(e);
    });
    w.deposit(ALICE, BOB).orElseThrow(() -> new IllegalStateException("deposit failed: " + w.refusals()));
    iMessage2 = toMailbox.get(1).body();
    stored = w.mailboxStore().all().get(0).message();
    KeyPeriod period = KeyPeriod.containing(w.clock().instant());
    alice = w.user(ALICE).keys().get(period).orElseThrow();
    mailbox = w.mailboxKeys().get(period).orElseThrow();
    random = SecureRandoms.of(RandomSource.insecureSeeded(2));
    template = IbakeMessages.parse(iMessage2, DataType.I_MESSAGE_2, mode).message();
    csb = template.header().csbId();
    Received r = IbakeMessages.parse(iMessage2, DataType.I_MESSAGE_2, mode);
    content = IbakeMessages.decryptIbake(mailbox.rsk(), DataType.I_MESSAGE_2, csb, r.ibake().orElseThrow());
    sk = SecretBytes.wrap(RandomSource.insecureSeeded(3).bytes(16));
    if (w.user(BOB).recipient().open(stored).sk().length() != 16 || mailboxChecksIMessage2() == null) {
      throw new IllegalStateException("setup");
    }
  }

  @Benchmark
  public MikeyMessage aBuildsIMessage2() throws MikeyException {
    KeyPeriod p = alice.rsk().identity().period();
    return IbakeMessages.iMessage2(w.community(), mode, alice.ssk(), csb, template.header().csIdMap(),
        template.first(TimestampPayload.class).orElseThrow(), Bytes.of(new byte[16]), IbakeMessages.identity(p, IbakeDdWorld.MAILBOX_ID, "IDRr"),
        content, Optional.of(new IbakeMessages.DeferredKey(IbakeMessages.identity(p, BOB, "ID-B"), sk)), random);
  }

  @Benchmark
  public IbakeContent mailboxChecksIMessage2() throws MikeyException {
    Received r = IbakeMessages.parse(iMessage2, DataType.I_MESSAGE_2, mode);
    if (mode == IbakeMode.DDSEC_SIGNED) {
      IbakeMessages.verifySignature(r, w.community(), IbakeMessages.identity(r.period(), ALICE, "IDRi"));
    }
    return IbakeMessages.decryptIbake(mailbox.rsk(), DataType.I_MESSAGE_2, r.csbId(), r.ibake().orElseThrow());
  }

  @Benchmark
  public DeferredMessage bOpensMessage() throws MikeyException {
    return w.user(BOB).recipient().open(stored);
  }
}
