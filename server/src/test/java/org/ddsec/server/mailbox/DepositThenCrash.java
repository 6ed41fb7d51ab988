package org.ddsec.server.mailbox;

import java.nio.file.Path;
import java.util.List;
import org.ddsec.server.mailbox.DepositHandler.EndReason;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.system.LoopbackCaller;
import org.ddsec.server.system.TestUe;

/**
 * Run in a child JVM by {@link MailboxCrashTest}: BSF, KMS and mailbox in {@code args[0]}, one
 * deposit completed with BYE, then a second one streaming SRTP; prints {@code STREAMING <msg-id
 * of the complete one> <msg-id of the open one>} and keeps sending until the parent kills it.
 */
public final class DepositThenCrash {

  public static void main(String[] args) throws Exception {
    String d = "ims.example.org";
    LoopbackServices s = LoopbackServices.start(LoopbackServices.Options.of(Path.of(args[0]), d, List.of("sip:alice@" + d, "sip:bob@" + d)));
    TestUe alice = TestUe.bootstrap(s, "alice", d);
    TestUe bob = TestUe.bootstrap(s, "bob", d);
    LoopbackCaller done = alice.call(s, s.mailbox(), bob, "complete@test");
    done.send(50);
    LoopbackCaller.awaitPackets(s.mailbox(), done.callId, 50);
    s.mailbox().onCallEnded(done.callId, EndReason.BYE);
    LoopbackCaller open = alice.call(s, s.mailbox(), bob, "interrupted@test");
    open.send(100);
    LoopbackCaller.awaitPackets(s.mailbox(), open.callId, 100);
    System.out.println("STREAMING " + done.keys.msgId().hex() + " " + open.keys.msgId().hex());
    System.out.flush();
    while (true) {
      open.send(1);
      Thread.sleep(2);
    }
  }
}
