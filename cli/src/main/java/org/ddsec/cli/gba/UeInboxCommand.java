package org.ddsec.cli.gba;

import java.io.PrintWriter;
import java.util.List;
import org.ddsec.client.mailbox.MessageSummary;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.client.ue.UserEquipment.UeException;
import picocli.CommandLine.Command;

/** {@code ./ddsec ue inbox}: GBA bootstrap, then the mailbox's message list over HTTPS with GBA Digest (TS 33.222). */
@Command(name = "inbox", mixinStandardHelpOptions = true,
    description = {"List the messages waiting in the UE's mailbox: one line msg_id= from= time= duration_ms= packets= each.",
        "from is the caller as the KMS authenticated it. Each ue command bootstraps GBA itself (a new process)."})
final class UeInboxCommand extends UeSubcommand {

  @Override
  String name() {
    return "inbox";
  }

  @Override
  String bootstrapStep(UserEquipment.Config c) {
    return recipientBootstrapStep(c);
  }

  @Override
  void run(UserEquipment ue, UserEquipment.Config c, PrintWriter out) throws UeException {
    List<MessageSummary> all = c.ibake() ? ue.ibakeInbox() : ue.inbox();
    out.println("messages=" + all.size());
    for (MessageSummary m : all) {
      out.println("msg_id=" + m.msgId().hex() + " from=" + m.from() + " time=" + m.depositedAt() + " duration_ms=" + m.durationMillis()
          + " packets=" + m.packets());
    }
  }
}
