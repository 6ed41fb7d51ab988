package org.ddsec.server.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ddsec.core.Bytes;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;
import org.ddsec.server.mailbox.sip.MailboxSipFront;
import org.ddsec.testkit.ExternalTool;
import org.junit.jupiter.api.Test;

/**
 * sipp (Debian sip-tester) as an independent SIP peer, check (b) of issue 6: sipp registers as
 * alice, then INVITEs carol, who is not registered; the IMS core forwards the INVITE to carol's
 * mailbox and the mailbox SIP front answers with a final response (200 OK with the MIKEY answer),
 * which sipp's scenario ({@code sipp/uac-invite-mailbox.xml}) requires, followed by ACK and BYE
 * along the Record-Route. Skips without sipp unless {@code ddsec.requireExternalTools=true}.
 * And the same path with RFC 3262 (reliable 183, PRACK), the carriage of IBAKE-DD's two rounds.
 */
class SippMailboxForwardingTest {

  static final Path SCENARIOS = Path.of("src/test/resources/sipp");
  private static final Bytes MIKEY = Bytes.fromHex("0100" + "0a01" + "00000001" + "0001" + "00");

  @Test
  void sipp_inviteForUnregisteredUser_forwardedToMailboxWhichAnswers() throws Exception {
    ExternalTool sipp = ExternalTool.require("sipp");
    BlockingQueue<DepositOffer> offers = new LinkedBlockingQueue<>();
    BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    DepositHandler stub = new DepositHandler() {
      @Override
      public DepositAnswer onInvite(DepositOffer offer) {
        offers.add(offer);
        return new DepositAnswer.Accept(Bytes.fromHex("01010b01"), new InetSocketAddress("127.0.0.1", 41234), offer.payloadType());
      }

      @Override
      public void onCallEnded(String callId, EndReason reason) {
        ended.add(reason.name());
      }
    };
    try (MailboxSipFront mailbox = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, -1), stub, null, null, null);
        ImsCore core = ImsCore.start(ImsCoreConfig.loopback("ims.example.org", 0, -1).withMailbox("sip:carol@ims.example.org", mailbox.udpUri()),
            null, null, null)) {
      int port = freeUdpPort();
      ExternalTool.Result r = sipp.run(60, core.udpHop().host() + ":" + core.udpHop().port(), "-sf",
          SCENARIOS.resolve("uac-invite-mailbox.xml").toString(), "-m", "1", "-s", "alice", "-i", "127.0.0.1", "-p", Integer.toString(port),
          "-key", "domain", "ims.example.org", "-key", "callee", "carol", "-key", "mikey", Base64.getEncoder().encodeToString(MIKEY.toByteArray()),
          "-mp", Integer.toString(freeUdpPort()), "-nostdin", "-timeout", "30s", "-timeout_error");
      assertThat(r.exitCode()).as("sipp exit code; stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr()).isZero();
      DepositOffer o = offers.poll(5, TimeUnit.SECONDS);
      assertThat(o).isNotNull();
      assertThat(o.callee()).isEqualTo("sip:carol@ims.example.org");
      assertThat(o.caller()).as("asserted from alice's registration, not the forged PAI").isEqualTo("sip:alice@ims.example.org");
      assertThat(o.mikey()).isEqualTo(MIKEY);
      assertThat(o.payloadType()).isZero();
      assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo("BYE");
    }
  }

  /**
   * sipp as the caller of a two-round key management over RFC 3262 (how IBAKE-DD carries
   * MIKEY-IBAKE, docs/profile-ibake-dd.md): INVITE with {@code Require: 100rel} for an
   * unregistered user, forwarded by the IMS core to the mailbox, whose handler answers the first
   * round with {@link DepositAnswer.Progress}; sipp's scenario requires the reliable 183 (RSeq,
   * {@code Require: 100rel}, MIKEY in the SDP answer), PRACKs it with RAck and a second MIKEY
   * offer, requires the PRACK's 200 OK with MIKEY and then the INVITE's 200 OK without a body;
   * ACK and BYE follow along the Record-Route. An independent peer's view of our RFC 3262.
   */
  @Test
  void sipp_reliable183AndPrack_throughTheCoreToTheMailbox() throws Exception {
    ExternalTool sipp = ExternalTool.require("sipp");
    Bytes second = Bytes.fromHex("0100" + "0b01" + "00000002" + "0001" + "00");
    BlockingQueue<DepositOffer> offers = new LinkedBlockingQueue<>();
    BlockingQueue<Bytes> pracks = new LinkedBlockingQueue<>();
    BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    DepositHandler stub = new DepositHandler() {
      @Override
      public DepositAnswer onInvite(DepositOffer offer) {
        offers.add(offer);
        return new DepositAnswer.Progress(Bytes.fromHex("01010c01"), new InetSocketAddress("127.0.0.1", 41236), offer.payloadType());
      }

      @Override
      public DepositAnswer onPrack(String callId, Bytes mikey) {
        pracks.add(mikey);
        return new DepositAnswer.Accept(Bytes.fromHex("01010d01"), new InetSocketAddress("127.0.0.1", 41236), 0);
      }

      @Override
      public void onCallEnded(String callId, EndReason reason) {
        ended.add(reason.name());
      }
    };
    try (MailboxSipFront mailbox = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, -1), stub, null, null, null);
        ImsCore core = ImsCore.start(ImsCoreConfig.loopback("ims.example.org", 0, -1).withMailbox("sip:carol@ims.example.org", mailbox.udpUri()),
            null, null, null)) {
      int port = freeUdpPort();
      ExternalTool.Result r = sipp.run(60, core.udpHop().host() + ":" + core.udpHop().port(), "-sf",
          SCENARIOS.resolve("uac-invite-100rel-mailbox.xml").toString(), "-m", "1", "-s", "alice", "-i", "127.0.0.1", "-p", Integer.toString(port),
          "-key", "domain", "ims.example.org", "-key", "callee", "carol", "-key", "mikey", Base64.getEncoder().encodeToString(MIKEY.toByteArray()),
          "-key", "mikey2", Base64.getEncoder().encodeToString(second.toByteArray()), "-mp", Integer.toString(freeUdpPort()), "-nostdin",
          "-timeout", "30s", "-timeout_error");
      assertThat(r.exitCode()).as("sipp exit code; stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr()).isZero();
      DepositOffer o = offers.poll(5, TimeUnit.SECONDS);
      assertThat(o).isNotNull();
      assertThat(o.mikey()).isEqualTo(MIKEY);
      assertThat(pracks.poll(5, TimeUnit.SECONDS)).as("the PRACK's MIKEY reached the handler").isEqualTo(second);
      assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo("BYE");
    }
  }

  static int freeUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return s.getLocalPort();
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(60);
  }
}
