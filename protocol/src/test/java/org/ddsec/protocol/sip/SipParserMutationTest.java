package org.ddsec.protocol.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of the RFC 4475 valid messages (bit flips, byte insertions and deletions,
 * truncation, duplicated and swapped lines, stream re-chunking): the parser either refuses with a
 * typed error or accepts a message that encodes and re-parses to itself; the framer never hands
 * out a partial message. Runs on every build (the Jazzer fuzz explores further).
 */
class SipParserMutationTest {

  private static final List<String> SEEDS = List.of("wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq",
      "semiuri", "transports", "mpart01", "unreason", "noreason", "unksm2", "regescrt", "inv2543");

  private static byte[] seed(SplittableRandom r) {
    try {
      return Rfc4475TortureTest.message(SEEDS.get(r.nextInt(SEEDS.size())));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] mutate(byte[] in, SplittableRandom r) {
    byte[] b = in.clone();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n && b.length > 2; k++) {
      int i = r.nextInt(b.length);
      switch (r.nextInt(7)) {
        case 0 -> b[i] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[i] = Property.oneOf(r, (byte) ' ', (byte) '\r', (byte) '\n', (byte) ':', (byte) ';', (byte) ',', (byte) '<', (byte) '"', (byte) 0);
        case 2 -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, i);
          c[i] = (byte) r.nextInt(256);
          System.arraycopy(b, i, c, i + 1, b.length - i);
          b = c;
        }
        case 3 -> {
          byte[] c = new byte[b.length - 1];
          System.arraycopy(b, 0, c, 0, i);
          System.arraycopy(b, i + 1, c, i, b.length - i - 1);
          b = c;
        }
        case 4 -> b = Arrays.copyOf(b, i);
        case 5 -> b = duplicateLine(b, r);
        default -> b = swapLines(b, r);
      }
    }
    return b;
  }

  private static byte[] duplicateLine(byte[] b, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n", -1)));
    int i = r.nextInt(lines.size());
    lines.add(i, lines.get(i));
    return String.join("\r\n", lines).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static byte[] swapLines(byte[] b, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n", -1)));
    java.util.Collections.swap(lines, r.nextInt(lines.size()), r.nextInt(lines.size()));
    return String.join("\r\n", lines).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void parseDatagram_mutatedTortureMessages_parsedIdempotentlyOrRefusedTyped() {
    int[] refused = {0};
    Property.forAll(3000, r -> {
      byte[] b = mutate(seed(r), r);
      try {
        SipMessage m = SipParser.parseDatagram(b, 0, b.length, SipLimits.DEFAULT);
        SipMessage again = SipParser.parseFramed(m.encode(), SipLimits.DEFAULT);
        assertThat(again).isEqualTo(m);
      } catch (SipParseException e) {
        refused[0]++;
        assertThat(e.field()).isNotBlank();
        assertThat(e.getMessage()).startsWith(e.field() + ": ");
      }
    });
    assertThat(refused[0]).as("the mutations must hit the error paths").isGreaterThan(300);
  }

  @Test
  void streamFramer_validMessagesInRandomChunks_framedWhole() {
    Property.forAll(300, r -> {
      List<byte[]> msgs = new ArrayList<>();
      java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < 1 + r.nextInt(4); i++) {
        byte[] b = seed(r);
        SipMessage m;
        try {
          m = SipParser.parseDatagram(b, 0, b.length, SipLimits.DEFAULT);
        } catch (SipParseException e) {
          throw new AssertionError(e);
        }
        byte[] enc = m.encode();
        msgs.add(enc);
        if (r.nextBoolean()) {
          stream.writeBytes("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // RFC 5626 keep-alive
        }
        stream.writeBytes(enc);
      }
      byte[] all = stream.toByteArray();
      StreamFramer f = new StreamFramer(SipLimits.DEFAULT);
      List<byte[]> out = new ArrayList<>();
      int pos = 0;
      while (pos < all.length) {
        int n = Math.min(all.length - pos, 1 + r.nextInt(700));
        try {
          out.addAll(f.feed(all, pos, n));
        } catch (SipParseException e) {
          throw new AssertionError(e);
        }
        pos += n;
      }
      assertThat(out).hasSameSizeAs(msgs);
      for (int i = 0; i < msgs.size(); i++) {
        assertThat(out.get(i)).isEqualTo(msgs.get(i));
      }
      assertThat(f.buffered()).isZero();
    });
  }
}
