package org.ddsec.cli.flow;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.protocol.trace.Ladder;
import org.ddsec.protocol.trace.TraceLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec flow SOLUTION}: runs a solution's whole flow in memory — the same role code the
 * services run — and prints it as a ladder diagram numbered like the seed's figures, then the
 * checks: both ends hold the same K, the mailbox never held it. Exit 0 and {@code OK} when all
 * hold, 1 otherwise.
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
    description = "Run a deferred-delivery flow in memory and print its ladder diagram (kms-dd, kms-dd-e2m).")
public final class FlowCommand implements Callable<Integer> {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOLUTION", description = "kms-dd (seed 003 Fig. 17+18) or kms-dd-e2m (Fig. 19+18)")
  String solution;

  @Option(names = "--seed", description = "seed of the in-memory randomness (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean e2m;
    switch (solution) {
      case "kms-dd" -> e2m = false;
      case "kms-dd-e2m" -> e2m = true;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "SOLUTION: '" + solution + "' (expected: kms-dd or kms-dd-e2m)");
    }
    TraceLog log = new TraceLog();
    List<byte[]> mailboxSaw = new java.util.ArrayList<>();
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
