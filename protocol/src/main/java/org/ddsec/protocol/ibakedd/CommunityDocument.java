package org.ddsec.protocol.ibakedd;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.eccsi.EccsiKpak;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.crypto.ibe.sakke.SakkePublicKey;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;

/**
 * The public parameters of a KMS community as the KMS publishes them ({@code GET
 * /kms/v1/ibake/community}, media type {@value #MEDIA_TYPE}) and UEs and mailboxes fetch them
 * over server-authenticated TLS — the "authenticated channel" of RFC 6508 §6.1.2 and RFC 6507
 * §4.2. Six lines of ASCII, each {@code name SP value LF}, in this order and no other:
 *
 * <pre>
 * ddsec-ibake-community 1
 * kms-id sip:kms.ims.example
 * sakke-parameter-set 1                      RFC 6508 §2.1 / RFC 6509 Appendix A
 * sakke-public-key 04…                       Z_T, 257 octets in lower-case hex (RFC 6508 §4)
 * eccsi-curve P-256                          RFC 6507 §4.1
 * eccsi-kpak 04…                             KPAK, 65 octets in lower-case hex
 * </pre>
 *
 * Decoding is strict (STYLE.md "parse strictly"): any other line, order, version, parameter set,
 * letter case or trailing byte is refused, and both points are validated on their curves.
 */
public final class CommunityDocument {

  public static final String MEDIA_TYPE = "application/vnd.ddsec.ibake-community";
  public static final int VERSION = 1;
  /** Largest document accepted (the real one is about 700 octets). */
  public static final int MAX_BYTES = 4096;

  private static final List<String> NAMES = List.of("ddsec-ibake-community", "kms-id", "sakke-parameter-set", "sakke-public-key",
      "eccsi-curve", "eccsi-kpak");
  private static final HexFormat HEX = HexFormat.of();

  private CommunityDocument() {}

  public static Bytes encode(Community c) {
    String s = NAMES.get(0) + " " + VERSION + "\n"
        + NAMES.get(1) + " " + c.kmsId() + "\n"
        + NAMES.get(2) + " " + c.sakke().parameters().id() + "\n"
        + NAMES.get(3) + " " + c.sakke().encoded().hex() + "\n"
        + NAMES.get(4) + " P-256\n"
        + NAMES.get(5) + " " + c.kpak().encoded().hex() + "\n";
    return Bytes.of(s.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @throws MikeyException MALFORMED naming the line (or UNSUPPORTED_VERSION) for anything but a
   *     document of this form with valid points
   */
  public static Community decode(Bytes document) throws MikeyException {
    if (document.length() > MAX_BYTES) {
      throw new MikeyException(Reason.MALFORMED, "community document", document.length() + " octets (expected: ≤ " + MAX_BYTES + ")");
    }
    byte[] raw = document.toByteArray();
    for (byte b : raw) {
      if (b != '\n' && (b < 0x20 || b > 0x7E)) {
        throw new MikeyException(Reason.MALFORMED, "community document", String.format("byte 0x%02x (expected: printable ASCII lines)", b & 0xFF));
      }
    }
    String text = new String(raw, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) {
      throw new MikeyException(Reason.MALFORMED, "community document", "no LF after the last line");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length != NAMES.size()) {
      throw new MikeyException(Reason.MALFORMED, "community document", lines.length + " lines (expected: " + NAMES.size() + ")");
    }
    String[] v = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      String want = NAMES.get(i) + " ";
      if (!lines[i].startsWith(want) || lines[i].length() == want.length()) {
        throw new MikeyException(Reason.MALFORMED, "community line " + (i + 1), clip(lines[i]) + " (expected: " + NAMES.get(i) + " <value>)");
      }
      v[i] = lines[i].substring(want.length());
    }
    if (!v[0].equals(Integer.toString(VERSION))) {
      throw new MikeyException(Reason.UNSUPPORTED_VERSION, NAMES.get(0), clip(v[0]) + " (expected: " + VERSION + ")");
    }
    SakkeParameters sp = SakkeParameters.parameterSet1();
    if (!v[2].equals(Integer.toString(sp.id()))) {
      throw new MikeyException(Reason.MALFORMED, NAMES.get(2), clip(v[2]) + " (expected: " + sp.id() + ")");
    }
    if (!v[4].equals("P-256")) {
      throw new MikeyException(Reason.MALFORMED, NAMES.get(4), clip(v[4]) + " (expected: P-256)");
    }
    try {
      SakkePublicKey z = SakkePublicKey.decode(sp, hex(v[3], NAMES.get(3)));
      EccsiKpak kpak = EccsiKpak.decode(EccsiParameters.p256(), hex(v[5], NAMES.get(5)));
      return new Community(v[1], z, kpak);
    } catch (IbeException e) {
      throw new MikeyException(Reason.MALFORMED, "community point", -1, e.getMessage(), e);
    }
  }

  private static Bytes hex(String s, String field) throws MikeyException {
    if (s.length() % 2 != 0 || !s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
      throw new MikeyException(Reason.MALFORMED, field, "not lower-case hex of whole octets");
    }
    return Bytes.of(HEX.parseHex(s));
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
