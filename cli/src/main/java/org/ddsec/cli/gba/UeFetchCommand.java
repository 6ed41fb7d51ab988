package org.ddsec.cli.gba;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddsec.client.mailbox.MailboxClient;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.client.ue.UserEquipment.UeException;
import org.ddsec.core.Bytes;
import org.ddsec.media.capture.StoredMessageMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ddsec ue fetch}: one stored message as the mailbox keeps it — the SRTP capture and its
 * metadata (docs/media.md) — without any key: the KMS is not asked.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {"Save a stored message as the mailbox keeps it: --out FILE.pcap (SRTP, still encrypted) and FILE.meta; no key.",
        "Each ue command bootstraps GBA itself (a new process)."})
final class UeFetchCommand extends UeSubcommand {

  @Option(names = "--id", required = true, paramLabel = "MSGID", description = "The message, as `ddsec ue inbox` lists it.")
  String id;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The capture (pcap); the metadata goes next to it as .meta.")
  Path out;

  private Bytes msgId;

  @Override
  String name() {
    return "fetch";
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

  /** {@code msg.pcap} → {@code msg.meta}; another name gets {@code .meta} appended. */
  static Path metaPath(Path pcap) {
    String n = pcap.getFileName().toString();
    return pcap.resolveSibling(n.endsWith(".pcap") ? n.substring(0, n.length() - 5) + ".meta" : n + ".meta");
  }

  @Override
  void run(UserEquipment ue, UserEquipment.Config c, PrintWriter o) throws UeException, IOException {
    MailboxClient.StoredFiles f = c.ibake() ? ue.fetchIbake(msgId) : ue.fetch(msgId);
    Path meta = metaPath(out);
    Files.write(out, f.pcap().toByteArray());
    Files.write(meta, f.metadata().toByteArray());
    StoredMessageMetadata m = f.message().metadata();
    o.println("pcap=" + out);
    o.println("metadata=" + meta);
    o.println("packets=" + f.message().packets().size());
    o.println("ssrc=" + m.ssrc());
    o.println("suite=" + m.suite());
  }
}
