package org.ddsec.cli.gba;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddsec.cli.crypto.CryptoHex;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.milenage.Milenage;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.server.bsf.BsfConfig;
import org.ddsec.server.store.JdbcStores;
import org.ddsec.server.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec subscriber add|list|remove}: the HSS subscriber records in the database named
 * by the BSF configuration file. With the default H2 file database, run these while the BSF is
 * stopped (H2 embedded allows one process at a time); PostgreSQL has no such limit.
 */
@Command(
    name = "subscriber",
    mixinStandardHelpOptions = true,
    description = "HSS subscribers (IMPI, IMPUs, K, OPc, AMF, SQN) in the BSF's database.",
    subcommands = {SubscriberCommand.Add.class, SubscriberCommand.ListCmd.class, SubscriberCommand.Remove.class})
public final class SubscriberCommand {

  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "BSF configuration (its db.* keys name the database).")
    Path config;

    abstract String name();

    abstract int run(JdbcStores stores, PrintWriter out, PrintWriter err) throws GbaCli.UsageException;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        BsfConfig c = GbaCli.config(config);
        try (JdbcStores stores = JdbcStores.open(c.dbUrl(), c.dbUser(), c.dbPassword(), 2)) {
          int code = run(stores, out, err);
          out.flush();
          return code;
        }
      } catch (GbaCli.UsageException e) {
        err.println("ddsec subscriber " + name() + ": " + e.getMessage());
        return 2;
      } catch (StoreException e) {
        err.println("ddsec subscriber " + name() + ": database: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a subscriber (Milenage credentials; OPc or OP).")
  static final class Add extends Base {
    @Option(names = "--impi", required = true, paramLabel = "IMPI", description = "Private identity, e.g. alice@ims.example.org.")
    String impi;

    @Option(names = "--impu", paramLabel = "IMPU", description = "Public identity (repeatable), e.g. sip:alice@ims.example.org.")
    List<String> impus = List.of();

    @Option(names = "--k", required = true, paramLabel = "HEX", description = "Subscriber key K, 16 bytes.")
    String k;

    static final class Operator {
      @Option(names = "--opc", paramLabel = "HEX", description = "OPc, 16 bytes.")
      String opc;

      @Option(names = "--op", paramLabel = "HEX", description = "OP, 16 bytes (OPc is computed and stored).")
      String op;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Operator operator;

    @Option(names = "--amf", paramLabel = "HEX", defaultValue = "0000", description = "AMF, 2 bytes (default: ${DEFAULT-VALUE}).")
    String amf;

    @Option(names = "--sqn", paramLabel = "SEQ", defaultValue = "0", description = "Initial SEQ_HE (default: ${DEFAULT-VALUE}).")
    long seq;

    @Override
    String name() {
      return "add";
    }

    @Override
    int run(JdbcStores stores, PrintWriter out, PrintWriter err) throws GbaCli.UsageException {
      Subscriber s;
      try (SecretBytes key = CryptoHex.parseSecret("--k", k, 16)) {
        SecretBytes opc;
        if (operator.op != null) {
          try (SecretBytes op = CryptoHex.parseSecret("--op", operator.op, 16)) {
            opc = Milenage.computeOpc(key, op);
          }
        } else {
          opc = CryptoHex.parseSecret("--opc", operator.opc, 16);
        }
        byte[] a = CryptoHex.parse("--amf", amf);
        if (a.length != 2) {
          throw new IllegalArgumentException("--amf: " + a.length + " bytes (expected: 2)");
        }
        s = new Subscriber(impi, new LinkedHashSet<>(impus), key, opc, Bytes.of(a), Sqn.of(seq, 0));
        boolean added = stores.subscribers().add(s);
        opc.close();
        if (!added) {
          err.println("ddsec subscriber add: " + impi + ": already present (remove it first)");
          return 1;
        }
      } catch (IllegalArgumentException e) {
        throw new GbaCli.UsageException(e.getMessage());
      }
      out.println("added=" + impi);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List subscribers (IMPI, IMPUs, SQN; never keys).")
  static final class ListCmd extends Base {
    @Override
    String name() {
      return "list";
    }

    @Override
    int run(JdbcStores stores, PrintWriter out, PrintWriter err) {
      for (Subscriber s : stores.subscribers().list()) {
        out.println(s.impi() + " impus=" + String.join(",", new java.util.TreeSet<>(s.impus())) + " amf=" + s.amf().hex()
            + " seq=" + s.sqn().seq() + " ind=" + s.sqn().ind());
        s.k().close();
        s.opc().close();
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a subscriber and its bootstrapping sessions.")
  static final class Remove extends Base {
    @Option(names = "--impi", required = true, paramLabel = "IMPI", description = "Private identity to remove.")
    String impi;

    @Override
    String name() {
      return "remove";
    }

    @Override
    int run(JdbcStores stores, PrintWriter out, PrintWriter err) {
      if (!stores.subscribers().remove(impi)) {
        err.println("ddsec subscriber remove: " + impi + ": not present");
        return 1;
      }
      out.println("removed=" + impi);
      return 0;
    }
  }
}
