package org.ddsec.media.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.srtp.SrtpSuite;

/**
 * What a mailbox must keep beside the SRTP packets of a deferred message so that the recipient
 * can decrypt them later without asking the sender anything (REFERENCES.md: "store SSRC, ROC and
 * first SEQ with every stored message"). No key material: the mailbox never has the media key.
 *
 * <p>The text form ({@link #encode}, {@link #parse}) is one {@code name: value} line per field
 * in a fixed order, UTF-8, LF line ends, beginning with {@code ddsec-stored-message: 1}. {@link
 * #parse} is strict: every field present exactly once, in order, no unknown field, no trailing
 * bytes. The capture is bound to the record by its length and SHA-256.
 *
 * @param messageId the mailbox's identifier, 1-128 characters of {@code [A-Za-z0-9._-]}, not
 *     starting with a dot
 * @param suite the SRTP crypto suite
 * @param keyDerivationRate the SRTP key_derivation_rate
 * @param ssrc the SSRC of the stored stream
 * @param initialRoc the ROC of the first stored packet (from signalling, e.g. the MIKEY CS ID map)
 * @param firstSequenceNumber the SEQ of the first packet that arrived
 * @param packets the number of datagrams in the capture
 * @param firstArrivalMicros arrival of the first packet, µs since the epoch
 * @param lastArrivalMicros arrival of the last packet, µs since the epoch
 * @param source the sender's address as it arrived
 * @param destination the mailbox's media address
 * @param mikeyCryptoSession the MIKEY CSB ID and CS ID the keys belong to, or {@code null} when
 *     the keys did not come from MIKEY (SDES)
 * @param pcapBytes length of the capture file
 * @param pcapSha256 SHA-256 of the capture file
 */
public record StoredMessageMetadata(String messageId, SrtpSuite suite, KeyDerivationRate keyDerivationRate, long ssrc,
    long initialRoc, int firstSequenceNumber, long packets, long firstArrivalMicros, long lastArrivalMicros,
    UdpEndpoint source, UdpEndpoint destination, MikeyCryptoSession mikeyCryptoSession, long pcapBytes, Bytes pcapSha256) {

  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  private static final String[] FIELDS = {
    "ddsec-stored-message", "message-id", "suite", "kdr", "ssrc", "roc", "first-seq", "packets",
    "first-arrival-us", "last-arrival-us", "source", "destination", "mikey-csb-id", "mikey-cs-id",
    "pcap-bytes", "pcap-sha256",
  };

  /**
   * The MIKEY crypto session the SRTP keys were derived for (RFC 3830 §4.1.3 inputs other than the
   * TGK and RAND).
   */
  public record MikeyCryptoSession(long csbId, int csId) {
    public MikeyCryptoSession {
      if (csbId < 0 || csbId > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("CSB ID: " + csbId + " (expected: 32 bits unsigned)");
      }
      if (csId < 0 || csId > 255) {
        throw new IllegalArgumentException("CS ID: " + csId + " (expected: 0..255)");
      }
    }
  }

  public StoredMessageMetadata {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(keyDerivationRate, "keyDerivationRate");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(pcapSha256, "pcapSha256");
    requireValidId(messageId);
    u32("SSRC", ssrc);
    u32("ROC", initialRoc);
    if (firstSequenceNumber < 0 || firstSequenceNumber > 0xFFFF) {
      throw new IllegalArgumentException("first SEQ: " + firstSequenceNumber + " (expected: 0..65535)");
    }
    if (packets < 1) {
      throw new IllegalArgumentException("packets: " + packets + " (expected: ≥ 1)");
    }
    if (firstArrivalMicros < 0 || lastArrivalMicros < firstArrivalMicros) {
      throw new IllegalArgumentException(
          "arrival times: " + firstArrivalMicros + " .. " + lastArrivalMicros + " µs (expected: 0 ≤ first ≤ last)");
    }
    if (pcapBytes < 24) {
      throw new IllegalArgumentException("pcap bytes: " + pcapBytes + " (expected: ≥ 24)");
    }
    if (pcapSha256.length() != 32) {
      throw new IllegalArgumentException("pcap SHA-256: " + pcapSha256.length() + " bytes (expected: 32)");
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code id} is a valid message identifier (safe as a
   *     file name on every platform: no separators, no leading dot)
   */
  public static void requireValidId(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("message id: '" + id + "' (expected: 1-128 of [A-Za-z0-9._-], not starting with '.')");
    }
  }

  /** The text form. */
  public byte[] encode() {
    String[] v = {
      Integer.toString(VERSION), messageId, suite.name(), Long.toString(keyDerivationRate.value()), Long.toString(ssrc),
      Long.toString(initialRoc), Integer.toString(firstSequenceNumber), Long.toString(packets),
      Long.toString(firstArrivalMicros), Long.toString(lastArrivalMicros), source.toString(), destination.toString(),
      mikeyCryptoSession == null ? "-" : Long.toString(mikeyCryptoSession.csbId()),
      mikeyCryptoSession == null ? "-" : Integer.toString(mikeyCryptoSession.csId()),
      Long.toString(pcapBytes), pcapSha256.hex(),
    };
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < FIELDS.length; i++) {
      sb.append(FIELDS[i]).append(": ").append(v[i]).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses the text form.
   *
   * @throws PcapFormatException naming the line and field that is wrong
   */
  public static StoredMessageMetadata parse(byte[] text) throws PcapFormatException {
    if (text.length > 4096) {
      throw new PcapFormatException("stored-message metadata: " + text.length + " bytes (expected: ≤ 4096)");
    }
    String s = new String(text, StandardCharsets.UTF_8);
    if (!s.endsWith("\n")) {
      throw new PcapFormatException("stored-message metadata: no final line feed (expected: complete lines)");
    }
    String[] lines = s.substring(0, s.length() - 1).split("\n", -1);
    if (lines.length != FIELDS.length) {
      throw new PcapFormatException("stored-message metadata: " + lines.length + " lines (expected: " + FIELDS.length + ")");
    }
    List<String> v = new ArrayList<>();
    for (int i = 0; i < FIELDS.length; i++) {
      String prefix = FIELDS[i] + ": ";
      if (!lines[i].startsWith(prefix)) {
        throw new PcapFormatException("stored-message metadata line " + (i + 1) + ": '" + clip(lines[i]) + "' (expected: " + FIELDS[i] + ": …)");
      }
      v.add(lines[i].substring(prefix.length()));
    }
    try {
      if (!v.get(0).equals(Integer.toString(VERSION))) {
        throw new PcapFormatException("stored-message version: " + clip(v.get(0)) + " (expected: " + VERSION + ")");
      }
      boolean hasMikey = !v.get(12).equals("-");
      if (hasMikey != !v.get(13).equals("-")) {
        throw new PcapFormatException("stored-message mikey-csb-id / mikey-cs-id: one is '-' (expected: both or neither)");
      }
      return new StoredMessageMetadata(v.get(1), SrtpSuite.fromName(v.get(2)), new KeyDerivationRate(num(v, 3)), num(v, 4), num(v, 5),
          (int) num(v, 6), num(v, 7), num(v, 8), num(v, 9), UdpEndpoint.parse(v.get(10)), UdpEndpoint.parse(v.get(11)),
          hasMikey ? new MikeyCryptoSession(num(v, 12), (int) num(v, 13)) : null, num(v, 14), hex(v.get(15)));
    } catch (IllegalArgumentException e) {
      throw new PcapFormatException("stored-message metadata: " + e.getMessage());
    }
  }

  private static long num(List<String> v, int i) {
    String x = v.get(i);
    if (x.isEmpty() || x.length() > 19 || !x.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(FIELDS[i] + ": '" + clip(x) + "' (expected: a decimal number)");
    }
    return Long.parseLong(x);
  }

  private static Bytes hex(String x) {
    if (x.length() != 64 || !x.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException("pcap-sha256: '" + clip(x) + "' (expected: 64 lowercase hex digits)");
    }
    return Bytes.fromHex(x);
  }

  private static String clip(String x) {
    return x.length() <= 40 ? x : x.substring(0, 40) + "…";
  }

  private static void u32(String what, long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + ": " + v + " (expected: 32 bits unsigned)");
    }
  }
}
