package org.ddsec.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.ddsec.client.system.LoopbackSystem;
import org.ddsec.client.ue.UeProperties;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.audio.AudioConversion;
import org.ddsec.media.audio.Frames;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.audio.WavFormatException;
import org.ddsec.server.system.LoopbackServices;

/**
 * The story of {@code ./ddsec demo}, on real sockets in one process: BSF, KMS, IMS core and
 * mailbox on loopback (TLS with a throw-away CA, H2 in a temporary directory); Alice and Bob
 * provisioned in the HSS; Alice bootstraps GBA, registers and calls Bob, who is offline, so the
 * IMS core forwards the INVITE to Bob's mailbox; the KMS-DD deposit runs inside the INVITE/200 OK
 * and Alice leaves a spoken message as SRTP; later Bob bootstraps, registers, lists his inbox,
 * gets K from the KMS and plays the message. Then the checks: Bob heard exactly what Alice sent
 * (after G.711) and nothing the mailbox stored holds K or the SRTP keys.
 */
final class Demo implements AutoCloseable {

  static final String DOMAIN = "ims.example";
  static final String ALICE = "sip:alice@" + DOMAIN;
  static final String BOB = "sip:bob@" + DOMAIN;

  /** What the story produced and what was checked. */
  record Result(UserEquipment.Deposit deposit, UserEquipment.Playback playback, PcmAudio quantisedSent, boolean audioMatches,
      int filesScanned, long bytesScanned, List<String> secretHits, String ladder, Path storedPcap, long sipMessages) {

    boolean ok() {
      return audioMatches && secretHits.isEmpty() && playback.originator().equals(ALICE);
    }
  }

  private final boolean e2m;
  private final Path work;
  private final RandomSource random = RandomSource.secure();
  private final DemoLadder ladder;
  private final LoopbackSystem system;
  private final LoopbackServices services;
  private final UserEquipment.Config aliceConfig;
  private final UserEquipment.Config bobConfig;
  private final UserEquipment alice;
  private final UserEquipment bob;

  Demo(boolean e2m, Path work) throws Exception {
    this.e2m = e2m;
    this.work = work;
    Map<String, String> stacks = new LinkedHashMap<>();
    stacks.put("alice", ALICE);
    stacks.put("bob", BOB);
    stacks.put("ims-core", "IMS core");
    stacks.put("mailbox", "sip:vm." + DOMAIN);
    this.ladder = new DemoLadder(stacks, e2m ? "19" : "17");
    this.system = LoopbackSystem.start(work, DOMAIN, List.of(ALICE, BOB), Clock.systemUTC(), ladder, ladder);
    this.services = system.services();
    this.aliceConfig = system.provision("alice", e2m, random);
    this.bobConfig = system.provision("bob", e2m, random);
    this.alice = new UserEquipment(aliceConfig, Clock.systemUTC(), random, ladder, ladder);
    this.bob = new UserEquipment(bobConfig, Clock.systemUTC(), random, ladder, ladder);
  }

  /** Runs the story; {@code pacing} spaces the SRTP packets (20 ms is real time). */
  Result run(PcmAudio message, Duration pacing, IntConsumer progress) throws Exception {
    String fig = e2m ? "19" : "17";
    // Fig. 17/19: Alice leaves the message while Bob is offline.
    alice.bootstrap(fig + ".1a");
    ladder.record(fig + ".1m", services.mailboxId(), services.kmsId(), "mutual TLS + Km",
        "the mailbox's client certificate names " + services.mailboxFqdn() + "; Km named " + LoopbackServices.MAILBOX_KEY_ID + " in IDRpsk");
    alice.register();
    UserEquipment.Deposit deposit = alice.leaveMessage(BOB, message, G711.PCMU, pacing, progress);
    // Fig. 18: Bob comes online.
    bob.bootstrap("18.1b");
    bob.register();
    List<UserEquipment.Playback> heard = bob.retrieveAll();
    if (heard.size() != 1) {
      throw new IllegalStateException("Bob's inbox holds " + heard.size() + " messages (expected: 1)");
    }
    UserEquipment.Playback p = heard.get(0);
    PcmAudio quantised = quantise(message, G711.PCMU);
    boolean same = java.util.Arrays.equals(quantised.samples(), p.audio().samples());

    // Nothing the mailbox stored (database and media files) holds K, the SRTP master key or salt.
    List<byte[]> secrets = new ArrayList<>();
    secrets.add(deposit.insecureKeys().k().unsafeBytes());
    secrets.add(deposit.insecureKeys().srtp().tek().unsafeBytes());
    secrets.add(deposit.insecureKeys().srtp().salt().unsafeBytes());
    List<String> hits = new ArrayList<>();
    int[] files = {0};
    long[] bytes = {0};
    Path storedPcap = null;
    Path mailboxDir = work.resolve("mailbox");
    try (Stream<Path> all = Files.walk(mailboxDir)) {
      for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        byte[] b = Files.readAllBytes(f);
        files[0]++;
        bytes[0] += b.length;
        for (byte[] s : secrets) {
          if (indexOf(b, s) >= 0) {
            hits.add(work.relativize(f).toString());
          }
        }
        if (f.getFileName().toString().endsWith(".pcap")) {
          storedPcap = f;
        }
      }
    }
    secrets.forEach(SecretBytes::wipe);
    List<String> parties = List.of("BSF", ALICE, "IMS core", services.mailboxId(), services.kmsId(), BOB);
    return new Result(deposit, p, quantised, same, files[0], bytes[0], hits, ladder.render(parties), storedPcap, ladder.sipMessages());
  }

  /** name=url of every endpoint, for external tools. */
  Map<String, String> endpoints() {
    return system.endpoints();
  }

  /**
   * After the story, for {@code --keep-running}: Alice and Bob go offline again (their bindings
   * removed, so calls to them land at the mailbox) and {@code out} receives {@code ca.pem}, {@code
   * ue-alice.properties} and {@code ue-bob.properties} (K and OPc as provisioned, the running
   * endpoints) for {@code ./ddsec ue …}.
   */
  List<Path> handOver(Path out) throws Exception {
    alice.unregister();
    bob.unregister();
    Path ca = system.writeCa(out);
    Path a = out.resolve("ue-alice.properties");
    Path b = out.resolve("ue-bob.properties");
    UeProperties.write(a, aliceConfig, List.of(ca));
    UeProperties.write(b, bobConfig, List.of(ca));
    return List.of(ca, a, b);
  }

  /** The UDP port of the mailbox's SIP listener (the IMS core → mailbox hop, in clear). */
  int mailboxSipPort() {
    return system.front().udpHop().port();
  }

  /** The UDP port of the IMS core's SIP listener. */
  int imsCoreUdpPort() {
    return system.core().udpHop().port();
  }

  static PcmAudio loadBundledMessage() throws IOException, WavFormatException {
    try (InputStream in = Demo.class.getResourceAsStream("alice-message.wav")) {
      Objects.requireNonNull(in, "alice-message.wav is not on the class path");
      return AudioConversion.toNarrowbandMono(Wav.read(in));
    }
  }

  /** What G.711 makes of {@code audio}: 20 ms frames (the last padded with silence), encoded and decoded. */
  static PcmAudio quantise(PcmAudio audio, G711 codec) {
    List<short[]> frames = Frames.of20ms(AudioConversion.toNarrowbandMono(audio));
    short[] out = new short[frames.size() * G711.FRAME_SAMPLES];
    int at = 0;
    for (short[] f : frames) {
      short[] d = codec.decode(codec.encode(f));
      System.arraycopy(d, 0, out, at, d.length);
      at += d.length;
    }
    return PcmAudio.mono(PcmAudio.NARROWBAND_RATE, out);
  }

  static void writeWav(PcmAudio a, Path p) throws IOException {
    Files.write(p, Wav.toBytes(a));
  }

  void printEndpoints(PrintWriter out) {
    endpoints().forEach((k, v) -> out.println(k + "=" + v));
    out.flush();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  InetSocketAddress mediaTarget(Result r) {
    return r.deposit().mediaTo();
  }

  @Override
  public void close() {
    alice.close();
    bob.close();
    system.close();
  }
}
