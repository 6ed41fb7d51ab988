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
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.audio.AudioConversion;
import org.ddsec.media.audio.Frames;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.audio.WavFormatException;
import org.ddsec.server.ims.ImsCore;
import org.ddsec.server.ims.ImsCoreConfig;
import org.ddsec.server.mailbox.sip.MailboxSipFront;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.tls.TlsContexts;

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
  private final LoopbackServices services;
  private final MailboxSipFront front;
  private final ImsCore core;
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
    LoopbackServices s = null;
    MailboxSipFront f = null;
    ImsCore c = null;
    try {
      s = LoopbackServices.start(LoopbackServices.Options.of(work, DOMAIN, List.of(ALICE, BOB)), Clock.systemUTC(), ladder);
      SSLContext serverTls = TlsContexts.server(s.ca().issueServer("127.0.0.1", Duration.ofDays(1), "localhost"), s.ca().certificate());
      SSLContext clientTls = s.ueTls();
      f = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, 0), s.mailbox(), serverTls, clientTls, ladder);
      // Gm (UE - IMS core) over TLS, standing for TS 33.203 protection; IMS core - mailbox over UDP inside the network.
      c = ImsCore.start(ImsCoreConfig.loopback(DOMAIN, 0, 0).withDefaultMailbox(f.udpUri()), serverTls, clientTls, ladder);
    } catch (Exception | Error e) {
      closeAll(c, f, s);
      throw e;
    }
    this.services = s;
    this.front = f;
    this.core = c;
    this.alice = provision("alice", ALICE);
    this.bob = provision("bob", BOB);
  }

  private UserEquipment provision(String name, String impu) {
    SecretBytes k = SecretBytes.wrap(random.bytes(16));
    SecretBytes opc = SecretBytes.wrap(random.bytes(16));
    String impi = name + "@" + DOMAIN;
    services.addSubscriber(impi, Set.of(impu), k, opc);
    UserEquipment.Config cfg = new UserEquipment.Config(impu, impi, k, opc, services.bsf().server().ubUri(), core.tlsHop().orElseThrow(),
        services.kmsId(), services.kmsFqdn(), services.kms().uri(), services.mailboxId(), services.mailboxFqdn(), services.mailbox().uri(),
        services.ueTls(), e2m, Duration.ofSeconds(30));
    return new UserEquipment(cfg, Clock.systemUTC(), random, ladder, ladder);
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
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sip-proxy-udp", core.udpUri().toString());
    core.tlsUri().ifPresent(u -> m.put("sip-proxy-tls", u.toString()));
    m.put("mailbox-sip", front.udpUri().toString());
    front.tlsUri().ifPresent(u -> m.put("mailbox-sip-tls", u.toString()));
    m.put("mailbox-https", services.mailbox().uri().toString());
    m.put("kms", services.kms().uri().toString());
    m.put("bsf", services.bsf().server().ubUri().toString());
    m.put("bsf-zn", services.bsf().server().znUri().toString());
    return m;
  }

  /** The UDP port of the mailbox's SIP listener (the IMS core → mailbox hop, in clear). */
  int mailboxSipPort() {
    return front.udpHop().port();
  }

  /** The UDP port of the IMS core's SIP listener. */
  int imsCoreUdpPort() {
    return core.udpHop().port();
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
    closeAll(core, front, services);
  }

  private static void closeAll(AutoCloseable... cs) {
    for (AutoCloseable c : cs) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // shutting down: nothing more to do
        }
      }
    }
  }
}
