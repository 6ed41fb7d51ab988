package org.ddsec.cli.gba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ddsec.cli.CliRun;
import org.ddsec.client.system.LoopbackSystem;
import org.ddsec.client.ue.UeProperties;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.core.RandomSource;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.capture.StoredMessageMetadata;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.sip.SipObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ddsec ue register|call|inbox|fetch|play} in-process against the whole system on
 * loopback ({@link LoopbackSystem}: BSF, KMS, mailbox, IMS core, as the demo runs it), each
 * command a fresh UE that bootstraps GBA itself, driven only by the UE files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class UeCommandsTest {

  private static final String DOMAIN = "ims.example";

  @TempDir static Path dir;
  private LoopbackSystem system;
  private Path alice;
  private Path bob;
  private Path carol;
  private Path aliceE2m;

  @BeforeAll
  void start() throws Exception {
    system = LoopbackSystem.start(Files.createDirectories(dir.resolve("work")), DOMAIN,
        List.of("sip:alice@" + DOMAIN, "sip:bob@" + DOMAIN, "sip:carol@" + DOMAIN), Clock.systemUTC(), Trace.NONE, SipObserver.NONE);
    Path ca = system.writeCa(dir);
    RandomSource r = RandomSource.secure();
    alice = write("ue-alice.properties", system.provision("alice", false, r), ca);
    bob = write("ue-bob.properties", system.provision("bob", false, r), ca);
    carol = write("ue-carol.properties", system.provision("carol", false, r), ca);
    aliceE2m = dir.resolve("ue-alice-e2m.properties");
    Files.writeString(aliceE2m, Files.readString(alice).replace("ue.e2m = false", "ue.e2m = true"));
  }

  @AfterAll
  void stop() {
    system.close();
  }

  private Path write(String name, UserEquipment.Config c, Path ca) throws Exception {
    Path f = dir.resolve(name);
    UeProperties.write(f, c, List.of(ca));
    return f;
  }

  /** 0.5 s of two tones at 8 kHz mono: 25 full 20 ms frames, so G.711 quantisation needs no padding. */
  private static PcmAudio message(int seed) {
    short[] s = new short[25 * G711.FRAME_SAMPLES];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (6000 * Math.sin(2 * Math.PI * (300 + 40 * seed) * i / 8000.0) + 3000 * Math.sin(2 * Math.PI * 1250 * i / 8000.0));
    }
    return PcmAudio.mono(PcmAudio.NARROWBAND_RATE, s);
  }

  private static short[] quantised(PcmAudio a, G711 g) {
    short[] in = a.samples();
    short[] out = new short[in.length];
    byte[] coded = g.encode(in);
    for (int i = 0; i < coded.length; i++) {
      out[i] = g.decode(coded[i]);
    }
    return out;
  }

  private Path wav(String name, PcmAudio a) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, Wav.toBytes(a));
    return f;
  }

  private static String value(String out, String key) {
    return out.lines().filter(l -> l.startsWith(key + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + "= in " + out)).substring(key.length() + 1);
  }

  /**
   * The {@code ue inbox} line of {@code id}. The mailbox's SIP front answers the BYE before the
   * deposit is committed (docs/sip.md), so a listing right after {@code ue call} may come a moment
   * too early: asks again for up to 5 s.
   */
  public static String inboxLine(Path config, String id) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      CliRun inbox = ok("ue", "inbox", "--config", config.toString());
      java.util.Optional<String> line = inbox.out().lines().filter(l -> l.startsWith("msg_id=" + id + " ")).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      assertThat(System.nanoTime()).as("no %s in %s", id, inbox.out()).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  @Test
  void register_withUnregister_bindingShownThenRemoved() {
    CliRun r = ok("ue", "register", "--config", carol.toString(), "--expires", "PT10M", "--unregister");
    assertThat(value(r.out(), "btid")).endsWith("@bsf." + DOMAIN);
    assertThat(value(r.out(), "registered")).isEqualTo("sip:carol@" + DOMAIN);
    assertThat(value(r.out(), "expires_s")).isEqualTo("600");
    assertThat(value(r.out(), "bindings")).startsWith("sip:carol@127.0.0.1:").endsWith(";transport=tls");
    assertThat(value(r.out(), "unregistered")).isEqualTo("sip:carol@" + DOMAIN);
  }

  @Test
  void callInboxFetchPlay_bobRegisteredEarlierInAnotherProcess_bobHearsQuantisedWav() throws Exception {
    // Bob registers and exits: his binding stays, its TLS flow is gone, so the core forwards the call to his mailbox.
    ok("ue", "register", "--config", bob.toString());
    PcmAudio sent = message(1);
    CliRun call = ok("ue", "call", "--config", alice.toString(), "--to", "sip:bob@" + DOMAIN, "--wav", wav("alice.wav", sent).toString(),
        "--pace-ms", "1", "--no-progress");
    assertThat(value(call.out(), "answered_by")).isEqualTo("sip:vm." + DOMAIN);
    assertThat(value(call.out(), "packets")).isEqualTo("25");
    assertThat(value(call.out(), "duration_ms")).isEqualTo("500");
    String id = value(call.out(), "msg_id");

    String line = inboxLine(bob, id);
    assertThat(line).contains(" from=sip:alice@" + DOMAIN + " ", " packets=25").containsPattern(" time=20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z ")
        .containsPattern(" duration_ms=\\d+ ");

    Path pcap = dir.resolve("fetched/msg.pcap");
    Files.createDirectories(pcap.getParent());
    CliRun fetch = ok("ue", "fetch", "--config", bob.toString(), "--id", id, "--out", pcap.toString());
    assertThat(value(fetch.out(), "metadata")).isEqualTo(dir.resolve("fetched/msg.meta").toString());
    StoredMessageMetadata meta = StoredMessageMetadata.parse(Files.readAllBytes(dir.resolve("fetched/msg.meta")));
    StoredMessage stored = StoredMessage.of(meta, Files.readAllBytes(pcap));
    assertThat(meta.messageId()).isEqualTo(id);
    assertThat(stored.packets()).hasSize(25);
    assertThat(value(fetch.out(), "ssrc")).isEqualTo(Long.toString(meta.ssrc()));

    Path heard = dir.resolve("heard.wav");
    CliRun play = ok("ue", "play", "--config", bob.toString(), "--id", id, "--out", heard.toString());
    assertThat(value(play.out(), "from")).isEqualTo("sip:alice@" + DOMAIN);
    assertThat(value(play.out(), "duration_ms")).isEqualTo("500");
    assertThat(Wav.read(Files.newInputStream(heard)).samples()).isEqualTo(quantised(sent, G711.PCMU));

    // Someone else's message is 404 like a missing one: refused, nothing written.
    Path nope = dir.resolve("carol-heard.wav");
    CliRun other = CliRun.of("ue", "play", "--config", carol.toString(), "--id", id, "--out", nope.toString());
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err().strip()).isEqualTo("ddsec ue play: retrieval failed: mailbox answered 404: no such message");
    assertThat(nope).doesNotExist();
  }

  @Test
  void call_e2mAndPcma_playedBackExactly() throws Exception {
    PcmAudio sent = message(2);
    CliRun call = ok("ue", "call", "--config", aliceE2m.toString(), "--to", "sip:carol@" + DOMAIN, "--wav", wav("e2m.wav", sent).toString(),
        "--codec", "pcma", "--pace-ms", "0", "--no-progress");
    String id = value(call.out(), "msg_id");
    inboxLine(carol, id);
    Path heard = dir.resolve("carol-e2m.wav");
    ok("ue", "play", "--config", carol.toString(), "--id", id, "--out", heard.toString());
    assertThat(Wav.read(Files.newInputStream(heard)).samples()).isEqualTo(quantised(sent, G711.PCMA));
  }

  @Test
  void call_calleeNotServedByTheMailbox_refusedWith404() throws Exception {
    CliRun r = CliRun.of("ue", "call", "--config", alice.toString(), "--to", "sip:dave@" + DOMAIN, "--wav", wav("d.wav", message(3)).toString(),
        "--no-progress");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("ddsec ue call: INVITE sip:dave@" + DOMAIN + ": 404 Not Found");
  }

  @Test
  void play_unknownMessage_refused() {
    CliRun r = CliRun.of("ue", "play", "--config", bob.toString(), "--id", "00112233445566778899aabbccddeeff", "--out",
        dir.resolve("x.wav").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ddsec ue play: retrieval failed: mailbox answered 404");
  }

  @Test
  void wrongK_gbaRefused() throws Exception {
    Path f = dir.resolve("ue-wrong-k.properties");
    Files.writeString(f, Files.readString(bob).replaceAll("ue\\.k = [0-9a-f]+", "ue.k = 000102030405060708090a0b0c0d0e0f"));
    CliRun r = CliRun.of("ue", "inbox", "--config", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ddsec ue inbox: GBA bootstrap of bob@" + DOMAIN + " failed:");
    assertThat(r.out()).doesNotContain("btid=");
  }

  @Test
  void servicesUnreachable_refusedNamingTheStep() throws Exception {
    Path f = dir.resolve("ue-no-bsf.properties");
    Files.writeString(f, Files.readString(bob).replaceAll("bsf\\.url = .*", "bsf.url = https://127.0.0.1:1/"));
    CliRun r = CliRun.of("ue", "inbox", "--config", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ddsec ue inbox: GBA bootstrap of bob@" + DOMAIN + " failed: BSF https://127.0.0.1:1/");
  }

  @Test
  void badConfig_usageErrorsNamingTheKey_noSecretEchoed() throws Exception {
    String text = Files.readString(bob);
    String k = text.lines().filter(l -> l.startsWith("ue.k = ")).findFirst().orElseThrow().substring(7);
    String[][] cases = {
      {text + "ue.colour = blue\n", "ue.colour: unknown key"},
      {text.replaceAll("ue\\.k = [0-9a-f]+", "ue.k = " + k.substring(0, 30)), "ue.k: 15 octets (expected: 16; value not shown)"},
      {text.replaceAll("ue\\.opc = [0-9a-f]+", "ue.opc = zz" + k.substring(2)), "ue.opc: not hex (expected: 32 hex digits; value not shown)"},
      {text + "ue.op = " + k + "\n", "ue.opc: given with ue.op (expected: exactly one of ue.opc and ue.op"},
      {text.replaceAll("ims\\.proxy = .*", "ims.proxy = sip:127.0.0.1:5060"), "ims.proxy: sip:127.0.0.1:5060 is UDP (expected: the TLS hop"},
      {text.replaceAll("kms\\.url = .*", "kms.url = http://127.0.0.1:1/"), "kms.url: http://127.0.0.1:1/ (expected: an https:// URL with a host)"},
      {text.replaceAll("tls\\.trust = .*", "tls.trust = none.pem"), "tls.trust: " + dir.resolve("none.pem") + ": not a readable PEM certificate"},
      {text.replaceAll("ue\\.impu = .*\n", ""), "ue.impu: missing (expected: the UE's public identity"},
      {text.replaceAll("ue\\.e2m = .*", "ue.e2m = maybe"), "ue.e2m: maybe (expected: true or false)"},
      {text.replaceAll("ue\\.solution = .*", "ue.solution = sdes-dd"), "ue.solution: sdes-dd (expected: kms-dd, ibake-dd or ibake-dd-strict)"},
    };
    for (String[] c : cases) {
      Path f = dir.resolve("bad.properties");
      Files.writeString(f, c[0]);
      CliRun r = CliRun.of("ue", "inbox", "--config", f.toString());
      assertThat(r.exitCode()).as(c[1]).isEqualTo(2);
      assertThat(r.err().strip()).as(c[1]).startsWith("ddsec ue inbox: " + f + ": " + c[1]).doesNotContain(k).doesNotContain("\n");
      assertThat(r.out()).as(c[1]).isEmpty();
    }
    CliRun missing = CliRun.of("ue", "inbox", "--config", dir.resolve("nothing.properties").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("ddsec ue inbox: " + dir.resolve("nothing.properties") + ": cannot read");
  }

  @Test
  void badArguments_usageErrorsBeforeAnythingIsSent() throws Exception {
    Path w = wav("ok.wav", message(4));
    Path notWav = dir.resolve("not.wav");
    Files.writeString(notWav, "RIFF? no");
    Object[][] cases = {
      {new String[] {"ue", "play", "--config", bob.toString(), "--id", "xyz", "--out", "h.wav"},
          "ddsec ue play: --id: 'xyz' (expected: a msg-id as `ddsec ue inbox` lists it, hex digits)"},
      {new String[] {"ue", "fetch", "--config", bob.toString(), "--id", "00ff", "--out", dir.resolve("no/such/dir/m.pcap").toString()},
          "ddsec ue fetch: --out: " + dir.resolve("no/such/dir/m.pcap") + ": no such directory"},
      {new String[] {"ue", "call", "--config", alice.toString(), "--to", "bob", "--wav", w.toString()},
          "ddsec ue call: --to: bob (expected: a sip: URI such as sip:bob@ims.example)"},
      {new String[] {"ue", "call", "--config", alice.toString(), "--to", "sip:bob@" + DOMAIN, "--wav", w.toString(), "--codec", "g722"},
          "ddsec ue call: --codec: g722 (expected: pcmu or pcma)"},
      {new String[] {"ue", "call", "--config", alice.toString(), "--to", "sip:bob@" + DOMAIN, "--wav", dir.resolve("none.wav").toString()},
          "ddsec ue call: --wav: no such file: " + dir.resolve("none.wav")},
      {new String[] {"ue", "call", "--config", alice.toString(), "--to", "sip:bob@" + DOMAIN, "--wav", notWav.toString()},
          "ddsec ue call: --wav: " + notWav + ": "},
      {new String[] {"ue", "register", "--config", bob.toString(), "--expires", "PT0S"}, "ddsec ue register: --expires: PT0S (expected: PT1S..P1D)"},
    };
    for (Object[] c : cases) {
      String[] args = (String[]) c[0];
      CliRun r = CliRun.of(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip()).as(String.join(" ", args)).startsWith((String) c[1]).doesNotContain("\n");
      assertThat(r.out()).as("nothing sent: no btid").isEmpty();
    }
    CliRun noConfig = CliRun.of("ue", "inbox");
    assertThat(noConfig.exitCode()).isEqualTo(2);
    assertThat(noConfig.err()).contains("Missing required option: '--config=FILE'");
  }
}
