package org.ddsec.cli.crypto;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.milenage.Milenage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./ddsec crypto milenage}: OPc and f1…f5* of 3GPP TS 35.206 for one input set. */
@Command(
    name = "milenage",
    mixinStandardHelpOptions = true,
    description = {
      "Milenage (3GPP TS 35.206): prints opc, f1 (MAC-A), f1* (MAC-S), f2 (RES), f3 (CK), f4 (IK), f5 (AK), f5* (AK*).",
      "Check against TS 35.208 §4.3, e.g. test set 1: --k 465b5ce8b199b49faa5f0a2ee238a6bc "
          + "--op cdc202d5123e20f62b6d676ac72cb318 --rand 23553cbe9637a89d218ae64dae47bf35 --sqn ff9bb4d0b607 --amf b9b9"
    })
public final class MilenageCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--k", required = true, paramLabel = "HEX", description = "Subscriber key K, 16 bytes.")
  String k;

  static final class Operator {
    @Option(names = "--op", paramLabel = "HEX", description = "Operator field OP, 16 bytes.")
    String op;

    @Option(names = "--opc", paramLabel = "HEX", description = "OPc, 16 bytes.")
    String opc;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Operator operator;

  @Option(names = "--rand", required = true, paramLabel = "HEX", description = "RAND, 16 bytes.")
  String rand;

  @Option(names = "--sqn", required = true, paramLabel = "HEX", description = "SQN, 6 bytes.")
  String sqn;

  @Option(names = "--amf", required = true, paramLabel = "HEX", description = "AMF, 2 bytes.")
  String amf;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      byte[] r = exact("--rand", rand, 16);
      byte[] s = exact("--sqn", sqn, 6);
      byte[] a = exact("--amf", amf, 2);
      try (SecretBytes key = CryptoHex.parseSecret("--k", k, 16);
          SecretBytes opOrOpc = operator.op != null
              ? CryptoHex.parseSecret("--op", operator.op, 16)
              : CryptoHex.parseSecret("--opc", operator.opc, 16);
          Milenage m = operator.op != null ? Milenage.withOp(key, opOrOpc) : Milenage.withOpc(key, opOrOpc)) {
        Milenage.F1 f1 = m.f1(r, s, a);
        try (SecretBytes opc = m.opc(); Milenage.F2345 f = m.f2345(r); SecretBytes f5s = m.f5star(r)) {
          out.println("opc=" + opc.unsafeHex());
          out.println("f1=" + f1.macA().hex());
          out.println("f1*=" + f1.macS().hex());
          out.println("f2=" + f.res().hex());
          out.println("f3=" + f.ck().unsafeHex());
          out.println("f4=" + f.ik().unsafeHex());
          out.println("f5=" + f.ak().unsafeHex());
          out.println("f5*=" + f5s.unsafeHex());
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("ddsec crypto milenage: " + e.getMessage());
      return 2;
    }
    out.flush();
    return 0;
  }

  static byte[] exact(String option, String hex, int len) {
    byte[] b = CryptoHex.parse(option, hex);
    if (b.length != len) {
      throw new IllegalArgumentException(option + ": " + b.length + " bytes (expected: " + len + ")");
    }
    return b;
  }
}
