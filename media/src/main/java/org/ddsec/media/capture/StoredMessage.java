package org.ddsec.media.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * A stored message read back: its metadata and the captured packets in arrival order, after
 * checking that the capture is the one the metadata describes (length, SHA-256, packet count,
 * every packet of the recorded SSRC).
 */
public record StoredMessage(StoredMessageMetadata metadata, List<CapturedPacket> packets) {

  public StoredMessage {
    Objects.requireNonNull(metadata, "metadata");
    packets = List.copyOf(packets);
  }

  /**
   * Checks {@code pcap} against {@code metadata} and decodes it.
   *
   * @throws PcapFormatException if the capture is not the one described, or unreadable
   */
  public static StoredMessage of(StoredMessageMetadata metadata, byte[] pcap) throws PcapFormatException {
    if (pcap.length != metadata.pcapBytes()) {
      throw new PcapFormatException("stored message " + metadata.messageId() + " capture: " + pcap.length + " bytes (expected: "
          + metadata.pcapBytes() + " per its metadata)");
    }
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(pcap);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in the JCE", e);
    }
    if (!MessageDigest.isEqual(digest, metadata.pcapSha256().toByteArray())) {
      throw new PcapFormatException("stored message " + metadata.messageId() + " capture SHA-256: " + Bytes.of(digest).hex()
          + " (expected: " + metadata.pcapSha256().hex() + " per its metadata)");
    }
    List<CapturedPacket> packets;
    try {
      packets = new PcapReader(new ByteArrayInputStream(pcap)).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory", e);
    }
    if (packets.size() != metadata.packets()) {
      throw new PcapFormatException("stored message " + metadata.messageId() + " packets: " + packets.size() + " (expected: "
          + metadata.packets() + " per its metadata)");
    }
    for (int i = 0; i < packets.size(); i++) {
      Bytes p = packets.get(i).payload();
      long ssrc = p.length() < 12 ? -1 : (long) p.get(8) << 24 | p.get(9) << 16 | p.get(10) << 8 | p.get(11);
      if (ssrc != metadata.ssrc()) {
        throw new PcapFormatException("stored message " + metadata.messageId() + " packet " + (i + 1) + " SSRC: " + ssrc
            + " (expected: " + metadata.ssrc() + " per its metadata)");
      }
    }
    return new StoredMessage(metadata, packets);
  }
}
