package org.ddsec.cli.flow;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.mikey.DataType;
import org.ddsec.protocol.ibakedd.DeferredMessage;
import org.ddsec.protocol.ibakedd.IbakeCall;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.ibakedd.flow.InsecureOnPathAttacker;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.protocol.trace.Ladder;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.protocol.trace.TraceLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec flow SOLUTION}: runs a solution's whole flow in memory — the same role code the
 * services run — and prints it as a ladder diagram numbered like the seed's figures, then the
 * checks: both ends hold the same key, the mailbox never held it. Exit 0 and {@code OK} when all
 * hold, 1 otherwise.
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
    description = "Run a deferred-delivery flow in memory and print its ladder diagram (kms-dd, kms-dd-e2m, ibake-dd, ibake-dd-strict).")
public final class FlowCommand implements Callable<Integer> {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";
  static final String SOLUTIONS = "kms-dd, kms-dd-e2m, ibake-dd or ibake-dd-strict";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOLUTION", description = "kms-dd (seed 003 Fig. 17+18), kms-dd-e2m (Fig. 19+18), "
      + "ibake-dd (seed 000 Fig. 27, MIKEY-IBAKE with ddsec's ECCSI signatures) or ibake-dd-strict (the same, RFC 6267 as written)")
  String solution;

  @Option(names = "--seed", description = "seed of the in-memory randomness (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    switch (solution) {
      case "kms-dd" -> {
        return kmsDd(out, false);
      }
      case "kms-dd-e2m" -> {
        return kmsDd(out, true);
      }
      case "ibake-dd" -> {
        return ibakeDd(out, IbakeMode.DDSEC_SIGNED);
      }
      case "ibake-dd-strict" -> {
        return ibakeDd(out, IbakeMode.STRICT_RFC_6267);
      }
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "SOLUTION: '" + solution + "' (expected: " + SOLUTIONS + ")");
    }
  }

  private int kmsDd(PrintWriter out, boolean e2m) {
    TraceLog log = new TraceLog();
    List<byte[]> mailboxSaw = new ArrayList<>();
    KmsDdWorld w = new KmsDdWorld(List.of(ALICE, BOB), e2m, seed, log, (what, bytes) -> mailboxSaw.add(bytes.clone()));
    w.traceSetUp(ALICE, BOB);
    String kmsStateBefore = w.keyRing().fingerprint().hex() + w.registry().fingerprint().hex() + w.nafKeys().fingerprint().hex();
    CallKeys sent = w.deposit(ALICE, BOB).orElse(null);
    List<RetrievedKeys> got = sent == null ? List.of() : w.retrieveAll(BOB);

    out.println("KMS-based deferred delivery" + (e2m ? " with e2m protection (TR 33.828 §7.4.3.3, Fig. 19 then Fig. 18)"
        : " (TR 33.828 §7.4.3.3, Fig. 17 then Fig. 18)"));
    out.println("Bob is offline: the IMS core forwards Alice's INVITE to Bob's mailbox. Messages are MIKEY-TICKET (RFC 6043).");
    out.println();
    out.print(Ladder.render(List.of(ALICE, KmsDdWorld.IMS, KmsDdWorld.MAILBOX_ID, KmsDdWorld.KMS_ID, BOB), log.events()));
    out.println();
    boolean ok = sent != null && got.size() == 1 && w.refusals().isEmpty();
    boolean same = ok && got.get(0).k().constantTimeEquals(sent.k()) && got.get(0).srtp().tek().constantTimeEquals(sent.srtp().tek());
    boolean hidden = ok && mailboxSaw.stream().noneMatch(b -> contains(b, sent.k().unsafeBytes()) || contains(b, sent.srtp().tek().unsafeBytes()));
    out.println("check: Bob's K and SRTP master key equal Alice's ........ " + (same ? "yes" : "NO"));
    out.println("check: nothing the mailbox received, sent or stored holds K or the SRTP key ... " + (hidden ? "yes" : "NO"));
    boolean stateless = kmsStateBefore.equals(w.keyRing().fingerprint().hex() + w.registry().fingerprint().hex() + w.nafKeys().fingerprint().hex());
    out.println("check: KMS key ring, mailbox registry and NAF keys unchanged (stateless KMS) ... " + (stateless ? "yes" : "NO"));
    w.refusals().forEach(r -> out.println("refused by " + r.party() + ": " + r.error().getMessage()));
    boolean all = same && hidden && stateless;
    out.println(all ? "OK" : "FAILED");
    return all ? 0 : 1;
  }

  private int ibakeDd(PrintWriter out, IbakeMode mode) {
    boolean signed = mode == IbakeMode.DDSEC_SIGNED;
    TraceLog log = new TraceLog();
    List<byte[]> mailboxSaw = new ArrayList<>();
    IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), mode, seed, log, (what, bytes) -> mailboxSaw.add(bytes.clone()));
    IbakeCall sent = w.deposit(ALICE, BOB).orElse(null);
    List<DeferredMessage> got = sent == null ? List.of() : w.retrieveAll(BOB);

    out.println("MIKEY-IBAKE deferred delivery (TR 33.828 §7.6.2.5, Fig. 27; RFC 6267 §4.2.2, §7.5), "
        + (signed ? "ddsec's profile: I_MESSAGE_1/R_MESSAGE_1/I_MESSAGE_2 signed with ECCSI, the ESK included"
            : "strict RFC 6267 profile: no MAC or signature on I_MESSAGE_1/R_MESSAGE_1/I_MESSAGE_2, the ESK outside every MAC"));
    out.println("Key provisioning first (RFC 6267 §4.2.1, steps K.n): each party fetches its SAKKE RSK and ECCSI SSK for the month.");
    out.println("Bob is offline: the IMS core forwards Alice's INVITE to Bob's mailbox, which cannot decrypt E_B(...) and answers with its own yP.");
    out.println();
    out.print(Ladder.render(List.of(ALICE, IbakeDdWorld.IMS, IbakeDdWorld.MAILBOX_ID, IbakeDdWorld.KMS_ID, BOB), log.events()));
    out.println();
    boolean ok = sent != null && got.size() == 1 && w.refusals().isEmpty();
    boolean same = ok && got.get(0).sk().constantTimeEquals(sent.mediaKey()) && got.get(0).srtp().tek().constantTimeEquals(sent.srtp().tek())
        && got.get(0).srtp().salt().constantTimeEquals(sent.srtp().salt());
    boolean hidden = ok && mailboxSaw.stream().noneMatch(b -> contains(b, sent.mediaKey().unsafeBytes())
        || contains(b, sent.srtp().tek().unsafeBytes()) || contains(b, sent.srtp().salt().unsafeBytes()));
    boolean originator = ok && got.get(0).originator().equals(ALICE) && got.get(0).originatorVerified() == signed;
    out.println("check: Bob's SK, SRTP master key and salt equal Alice's ........ " + (same ? "yes" : "NO"));
    out.println("check: nothing the mailbox received, sent, stored or derived holds SK or the SRTP keys ... " + (hidden ? "yes" : "NO"));
    out.println("check: the mailbox authenticated Alice (IBAKE) and conveyed her identity; Bob "
        + (signed ? "verified her ECCSI signature over the ESK himself" : "has only the mailbox's word for it") + " ... "
        + (originator ? "yes" : "NO"));
    // The seed's ALU1: an on-path attacker swaps E_B(A, aP) for E_B(A, eP).
    IbakeDdWorld attacked = w.fork(mode, seed + 1, Trace.NONE, (what, bytes) -> {});
    InsecureOnPathAttacker eve = new InsecureOnPathAttacker(attacked.community(),
        SecretBytes.wrap(RandomSource.insecureSeeded(seed).bytes(IbakeProfile.SK_BYTES)), SecureRandoms.of(RandomSource.insecureSeeded(seed)));
    attacked.setInterceptor(e -> List.of(e.to().equals(IbakeDdWorld.MAILBOX_ID) && e.body().length() > 1 && e.body().get(1) == DataType.I_MESSAGE_2.code()
        ? e.withBody(eve.substituteEsk(e.body(), ALICE, BOB)) : e));
    boolean deposited = attacked.deposit(ALICE, BOB).isPresent();
    List<DeferredMessage> forged = attacked.retrieveAll(BOB);
    boolean bobGotEve = forged.size() == 1 && forged.get(0).sk().constantTimeEquals(eve.ownKey());
    boolean refused = !deposited && forged.isEmpty() && !attacked.refusals().isEmpty();
    if (signed) {
      out.println("check: an on-path substitute ESK E_B(A, eP) (the seed's ALU1) is refused by the mailbox, nothing stored ... "
          + (refused ? "yes (" + attacked.refusals().get(0).error().getMessage() + ")" : "NO"));
    } else {
      out.println("note: an on-path substitute ESK E_B(A, eP) (the seed's ALU1) is "
          + (bobGotEve ? "accepted — Bob would play the attacker's media as Alice's: RFC 6267 §5.4 leaves the ESK outside every MAC"
              : "not accepted"));
    }
    w.refusals().forEach(r -> out.println("refused by " + r.party() + ": " + r.error().getMessage()));
    boolean all = same && hidden && originator && (!signed || refused);
    out.println(all ? "OK" : "FAILED");
    return all ? 0 : 1;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
