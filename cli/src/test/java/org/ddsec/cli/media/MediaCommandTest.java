package org.ddsec.cli.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ddsec.cli.CliRun;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.testkit.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ddsec media encode|decode} on the bundled spoken message (samples/audio). */
class MediaCommandTest {

  static final Path SAMPLE = Path.of("..", "samples", "audio", "alice-message.wav");
  static final String KEY = "e1f97a0d3e018be0d64fa32c06de4139";
  static final String SALT = "0ec675ad498afeebb6960b3aabe6";
  static final String GCM_SALT = "0ec675ad498afeebb6960b3a";

  private static String value(CliRun r, String name) {
    for (String line : r.out().split("\\R")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no line " + name + "= in:\n" + r.out() + r.err());
  }

  private static CliRun encode(Path out, String codec, String suite, String salt, String... extra) {
    String[] base = {"media", "encode", "--in", SAMPLE.toString(), "--codec", codec, "--suite", suite, "--master-key", KEY,
        "--master-salt", salt, "--ssrc", "3735928559", "--out", out.toString()};
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  void encodeThenDecode_eachSuite_givesTheG711QuantisedSample(@TempDir Path dir) throws Exception {
    PcmAudio original = Wav.read(Files.newInputStream(SAMPLE));
    assertThat(original.isNarrowbandMono()).isTrue();
    int frames = (original.frames() + 159) / 160;
    String[][] cases = {
      {"AES_CM_128_HMAC_SHA1_80", SALT, "pcmu"}, {"AES_CM_128_HMAC_SHA1_32", SALT, "pcma"}, {"AEAD_AES_128_GCM", GCM_SALT, "pcma"},
    };
    for (String[] c : cases) {
      Path pcap = dir.resolve(c[0] + ".pcap");
      Path wav = dir.resolve(c[0] + ".wav");
      CliRun e = encode(pcap, c[2], c[0], c[1], "--seq", "65500");
      assertThat(e.exitCode()).as(e.err()).isZero();
      assertThat(value(e, "packets")).isEqualTo(Integer.toString(frames));
      assertThat(value(e, "duration_ms")).isEqualTo(Integer.toString(frames * 20));
      assertThat(value(e, "ssrc")).isEqualTo("3735928559");
      assertThat(value(e, "first_seq")).isEqualTo("65500");
      CliRun d = CliRun.of("media", "decode", "--in", pcap.toString(), "--suite", c[0], "--master-key", KEY, "--master-salt", c[1],
          "--out", wav.toString());
      assertThat(d.exitCode()).as(d.err()).isZero();
      assertThat(value(d, "decrypted")).isEqualTo(Integer.toString(frames));
      assertThat(value(d, "rejected")).isEqualTo("0");
      assertThat(value(d, "concealed")).isEqualTo("0");
      short[] padded = Arrays.copyOf(original.samples(), frames * 160);
      G711 g = c[2].equals("pcmu") ? G711.PCMU : G711.PCMA;
      assertThat(Wav.read(Files.newInputStream(wav)).samples()).as(c[0]).isEqualTo(g.quantise(padded));
    }
  }

  @Test
  void encode_pcapOpensInTsharkWithOneRtpPacketPer20ms(@TempDir Path dir) throws Exception {
    ExternalTool tshark = ExternalTool.require("tshark");
    Path pcap = dir.resolve("m.pcap");
    CliRun e = encode(pcap, "pcmu", "AES_CM_128_HMAC_SHA1_80", SALT);
    assertThat(e.exitCode()).isZero();
    ExternalTool.Result r = tshark.run(120, "-n", "-r", pcap.toString(), "-d", "udp.port==5004,rtp", "-Y", "rtp && !_ws.malformed",
        "-T", "fields", "-e", "rtp.p_type");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines().filter(l -> l.equals("0")).count()).isEqualTo(Long.parseLong(value(e, "packets")));
  }

  @Test
  void decode_wrongKey_isRefusedWithExit1AndWritesNothing(@TempDir Path dir) {
    Path pcap = dir.resolve("m.pcap");
    assertThat(encode(pcap, "pcmu", "AES_CM_128_HMAC_SHA1_80", SALT).exitCode()).isZero();
    Path wav = dir.resolve("heard.wav");
    CliRun d = CliRun.of("media", "decode", "--in", pcap.toString(), "--suite", "AES_CM_128_HMAC_SHA1_80",
        "--master-key", "00".repeat(16), "--master-salt", SALT, "--out", wav.toString());
    assertThat(d.exitCode()).isEqualTo(1);
    assertThat(d.err().strip()).matches("ddsec media decode: refused: no packet of SSRC 3735928559 authenticated \\(\\d+ AUTH_FAIL\\); "
        + "wrong key, salt, suite or --roc\\?");
    assertThat(Files.exists(wav)).isFalse();
  }

  @Test
  void decode_notAPcap_isRefusedWithExit1(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.pcap");
    Files.write(junk, new byte[] {1, 2, 3});
    CliRun d = CliRun.of("media", "decode", "--in", junk.toString(), "--suite", "AEAD_AES_128_GCM", "--master-key", KEY,
        "--master-salt", GCM_SALT, "--out", dir.resolve("x.wav").toString());
    assertThat(d.exitCode()).isEqualTo(1);
    assertThat(d.err().strip()).isEqualTo("ddsec media decode: refused: " + junk + ": pcap global header: 3 bytes (expected: 24)");
  }

  @Test
  void badOptions_areOneLineUsageErrorsWithoutKeyDigits(@TempDir Path dir) {
    Path out = dir.resolve("o.pcap");
    assertUsage(encode(out, "pcmu", "AES_CM_128_HMAC_SHA1_80", SALT + "00"),
        "ddsec media encode: --master-salt: 15 bytes (expected: 14) for AES_CM_128_HMAC_SHA1_80");
    assertUsage(encode(out, "pcmu", "AEAD_AES_128_GCM", SALT), "ddsec media encode: --master-salt: 14 bytes (expected: 12) for AEAD_AES_128_GCM");
    assertUsage(encode(out, "g722", "AES_CM_128_HMAC_SHA1_80", SALT), "ddsec media encode: --codec: g722 (expected: pcmu or pcma)");
    assertUsage(encode(out, "pcmu", "F8_128_HMAC_SHA1_80", SALT), "ddsec media encode: --suite: F8_128_HMAC_SHA1_80 (expected: "
        + "AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM or AEAD_AES_256_GCM)");
    assertUsage(encode(out, "pcmu", "AES_CM_128_HMAC_SHA1_80", SALT, "--seq", "70000"), "ddsec media encode: --seq: 70000 (expected: 0..65535)");
    assertUsage(encode(out, "pcmu", "AES_CM_128_HMAC_SHA1_80", SALT, "--dst", "1.2.3:4"),
        "ddsec media encode: --dst: IPv4 address: '1.2.3' (expected: four decimal octets)");
    CliRun badKey = CliRun.of("media", "encode", "--in", SAMPLE.toString(), "--codec", "pcmu", "--suite", "AES_CM_128_HMAC_SHA1_80",
        "--master-key", "e1f97a0d3e018be0d64fa32c06de41zz", "--master-salt", SALT, "--ssrc", "1", "--out", out.toString());
    assertUsage(badKey, "ddsec media encode: --master-key: not a hex digit at position 30 for AES_CM_128_HMAC_SHA1_80");
    CliRun badSsrc = CliRun.of("media", "encode", "--in", SAMPLE.toString(), "--codec", "pcmu", "--suite", "AES_CM_128_HMAC_SHA1_80",
        "--master-key", KEY, "--master-salt", SALT, "--ssrc", "4294967296", "--out", out.toString());
    assertUsage(badSsrc, "ddsec media encode: --ssrc: 4294967296 (expected: 0..4294967295, 32 bits)");
    CliRun missing = CliRun.of("media", "decode", "--in", dir.resolve("none.pcap").toString(), "--suite", "AES_CM_128_HMAC_SHA1_80",
        "--master-key", KEY, "--master-salt", SALT, "--out", dir.resolve("x.wav").toString());
    assertUsage(missing, "ddsec media decode: --in: no such file: " + dir.resolve("none.pcap"));
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void missingRequiredOption_isPicocliUsageError() {
    CliRun r = CliRun.of("media", "decode", "--in", "x.pcap");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--suite").doesNotContain("\tat ");
  }

  private static void assertUsage(CliRun r, String message) {
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo(message);
    assertThat(r.err()).doesNotContain(KEY).doesNotContain("Exception").doesNotContain("\n\t");
  }
}
