package org.ddsec.cli.gba;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.client.ue.UserEquipment.UeException;
import org.ddsec.core.Bytes;
import org.ddsec.media.audio.Wav;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ddsec ue play}: the recipient of seed Fig. 18 for one message — its security
 * parameters from the mailbox, K from the KMS (RESOLVE_INIT under Kb), the stored SRTP,
 * decrypted to a WAV.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
    description = {"Retrieve K from the KMS and decrypt a stored message to --out WAV (8 kHz mono); prints from= (as the KMS",
        "authenticated it), packets=, duration_ms=, report=. With ue.solution = ibake-dd: the ESK from the mailbox opened with",
        "the UE's RSK (and originator_verified=, A's ECCSI signature). Each ue command bootstraps GBA itself (a new process)."})
final class UePlayCommand extends UeSubcommand {

  @Option(names = "--id", required = true, paramLabel = "MSGID", description = "The message, as `ddsec ue inbox` lists it.")
  String id;

  @Option(names = "--out", required = true, paramLabel = "WAV", description = "Where the decrypted audio goes.")
  Path out;

  private Bytes msgId;

  @Override
  String name() {
    return "play";
  }

  @Override
  String bootstrapStep(UserEquipment.Config c) {
    return recipientBootstrapStep(c);
  }

  @Override
  void check() throws GbaCli.UsageException {
    msgId = msgId("--id", id);
    requireOutputDirectory("--out", out);
  }

  @Override
  void run(UserEquipment ue, UserEquipment.Config c, PrintWriter o) throws UeException, IOException {
    UserEquipment.Playback p = c.ibake() ? ue.retrieveIbake(msgId) : ue.retrieve(msgId);
    Files.write(out, Wav.toBytes(p.audio()));
    o.println("from=" + p.originator());
    if (c.ibake()) {
      o.println("originator_verified=" + p.insecureIbakeKeys().originatorVerified());
    }
    o.println("wav=" + out);
    o.println("duration_ms=" + p.audio().durationMillis());
    o.println("report=" + p.details().report());
  }
}
