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
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.ddsec.client.system.LoopbackSystem;
import org.ddsec.client.ue.UeProperties;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.media.audio.AudioConversion;
import org.ddsec.media.audio.Frames;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.audio.WavFormatException;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.server.system.LoopbackServices;

/**
 * The story of {@code ./ddsec demo}, on real sockets in one process: BSF, KMS, IMS core and
 * mailbox on loopback (TLS with a throw-away CA, H2 in a temporary directory); Alice and Bob
 * provisioned in the HSS; Alice bootstraps GBA, registers and calls Bob, who is offline, so the
 * IMS core forwards the INVITE to Bob's mailbox; the KMS-DD deposit runs inside the INVITE/200 OK
 * and Alice leaves a spoken message as SRTP; later Bob bootstraps, registers, lists his inbox,
 * gets K from the KMS and plays the message. Then the checks: Bob heard exactly what Alice sent
 * (after G.711) and nothing the mailbox stored holds K or the SRTP keys.
 *
 * <p>With {@link Solution#IBAKE_DD} (or its strict RFC 6267 variant) the same story runs seed 000
 * Fig. 27 instead: key provisioning (REQUEST_KEY_PSK under Ks_NAF), I_MESSAGE_1 in the INVITE,
 * R_MESSAGE_1 in a reliable 183, I_MESSAGE_2 with the ESK in the PRACK, R_MESSAGE_2 in its 200 OK,
 * SRTP from SK; Bob fetches the ESK from his inbox, opens it with his RSK and plays the message.
 * The mailbox check then looks for SK and the SRTP keys.
 */
final class Demo implements AutoCloseable {

  static final String DOMAIN = "ims.example";
  static final String ALICE = "sip:alice@" + DOMAIN;
  static final String BOB = "sip:bob@" + DOMAIN;

  /** The solutions the demo runs, by their {@code --solution} names. */
  enum Solution {
    /** Seed 003 Fig. 17 then 18. */
    KMS_DD("kms-dd", "17", false, null),
    /** Seed 003 Fig. 19 then 18. */
    KMS_DD_E2M("kms-dd-e2m", "19", true, null),
    /** Seed 000 Fig. 27 in ddsec's signed profile (docs/profile-ibake-dd.md). */
    IBAKE_DD("ibake-dd", "27", false, IbakeMode.DDSEC_SIGNED),
    /** Seed 000 Fig. 27 as strict RFC 6267 (no signatures; the ALU1 gap stays open). */
    IBAKE_DD_STRICT("ibake-dd-strict", "27", false, IbakeMode.STRICT_RFC_6267);

    final String cliName;
    final String figure;
    final boolean e2m;
    final IbakeMode ibake;

    Solution(String cliName, String figure, boolean e2m, IbakeMode ibake) {
      this.cliName = cliName;
      this.figure = figure;
      this.e2m = e2m;
      this.ibake = ibake;
    }

    boolean isIbake() {
      return ibake != null;
    }

    static final String NAMES = "kms-dd, kms-dd-e2m, ibake-dd or ibake-dd-strict";

    static Optional<Solution> of(String name) {
      return java.util.Arrays.stream(values()).filter(v -> v.cliName.equals(name)).findFirst();
    }
  }

  /** What the story produced and what was checked. */
  record Result(Solution solution, UserEquipment.Deposit deposit, UserEquipment.Playback playback, PcmAudio quantisedSent, boolean audioMatches,
      int filesScanned, long bytesScanned, List<String> secretHits, String ladder, Path storedPcap, long sipMessages) {

    /** The originator Bob sees is Alice, and (signed IBAKE-DD) Bob verified her signature himself. */
    boolean originatorOk() {
      return playback.originator().equals(ALICE)
          && (solution.ibake != IbakeMode.DDSEC_SIGNED || playback.insecureIbakeKeys().originatorVerified());
    }

    boolean ok() {
      return audioMatches && secretHits.isEmpty() && originatorOk();
    }
  }

  private final Solution solution;
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

  Demo(Solution solution, Path work) throws Exception {
    this.solution = solution;
    this.e2m = solution.e2m;
    this.work = work;
    Map<String, String> stacks = new LinkedHashMap<>();
    stacks.put("alice", ALICE);
    stacks.put("bob", BOB);
    stacks.put("ims-core", "IMS core");
    stacks.put("mailbox", "sip:vm." + DOMAIN);
    this.ladder = new DemoLadder(stacks, solution.figure);
    this.system = LoopbackSystem.start(work, DOMAIN, List.of(ALICE, BOB), Clock.systemUTC(), ladder, ladder, Optional.ofNullable(solution.ibake));
    this.services = system.services();
    this.aliceConfig = system.provision("alice", e2m, random);
    this.bobConfig = system.provision("bob", e2m, random);
    this.alice = new UserEquipment(aliceConfig, Clock.systemUTC(), random, ladder, ladder);
    this.bob = new UserEquipment(bobConfig, Clock.systemUTC(), random, ladder, ladder);
  }

  /** Runs the story; {@code pacing} spaces the SRTP packets (20 ms is real time). */
  Result run(PcmAudio message, Duration pacing, IntConsumer progress) throws Exception {
    UserEquipment.Deposit deposit;
    List<UserEquipment.Playback> heard;
    List<byte[]> secrets = new ArrayList<>();
    if (solution.isIbake()) {
      // Fig. 27: Alice bootstraps GBA, gets this month's RSK and SSK/PVT (K.1-K.4), calls Bob, who is offline.
      alice.bootstrap("K.0a");
      alice.provisionIbakeKeys(List.of(KeyPeriod.containing(Clock.systemUTC().instant())));
      alice.register();
      deposit = alice.leaveIbakeMessage(BOB, message, G711.PCMU, pacing, progress);
      secrets.add(deposit.insecureIbakeKeys().mediaKey().unsafeBytes());
      // Fig. 27 steps 10-12: Bob comes online.
      bob.bootstrap("27.10b");
      bob.register();
      heard = awaitIbake(bob);
    } else {
      String fig = solution.figure;
      // Fig. 17/19: Alice leaves the message while Bob is offline.
      alice.bootstrap(fig + ".1a");
      ladder.record(fig + ".1m", services.mailboxId(), services.kmsId(), "mutual TLS + Km",
          "the mailbox's client certificate names " + services.mailboxFqdn() + "; Km named " + LoopbackServices.MAILBOX_KEY_ID + " in IDRpsk");
      alice.register();
      deposit = alice.leaveMessage(BOB, message, G711.PCMU, pacing, progress);
      secrets.add(deposit.insecureKeys().k().unsafeBytes());
      // Fig. 18: Bob comes online.
      bob.bootstrap("18.1b");
      bob.register();
      for (int i = 0; i < 100 && bob.inbox().isEmpty(); i++) {
        Thread.sleep(20); // as in awaitIbake
      }
      heard = bob.retrieveAll();
    }
    if (heard.size() != 1) {
      throw new IllegalStateException("Bob's inbox holds " + heard.size() + " messages (expected: 1)");
    }
    UserEquipment.Playback p = heard.get(0);
    PcmAudio quantised = quantise(message, G711.PCMU);
    boolean same = java.util.Arrays.equals(quantised.samples(), p.audio().samples());

    // Nothing the mailbox stored (database and media files) holds K (SK), the SRTP master key or salt.
    secrets.add(deposit.insecureSrtp().tek().unsafeBytes());
    secrets.add(deposit.insecureSrtp().salt().unsafeBytes());
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
    return new Result(solution, deposit, p, quantised, same, files[0], bytes[0], hits, ladder.render(parties), storedPcap, ladder.sipMessages());
  }

  /**
   * Bob's IBAKE-DD messages: the mailbox commits a deposit just after it has answered the BYE, so
   * the inbox is polled briefly until the message is there.
   */
  private static List<UserEquipment.Playback> awaitIbake(UserEquipment ue) throws Exception {
    for (int i = 0; i < 100 && ue.ibakeInbox().isEmpty(); i++) {
      Thread.sleep(20);
    }
    return ue.retrieveAllIbake();
  }

  Solution solution() {
    return solution;
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
