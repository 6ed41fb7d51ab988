package org.ddsec.cli.crypto;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.crypto.srtp.SessionKeyLengths;
import org.ddsec.crypto.srtp.SrtcpIndexWidth;
import org.ddsec.crypto.srtp.SrtpKdf;
import org.ddsec.crypto.srtp.SrtpSessionKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec crypto srtp-kdf}: the six SRTP and SRTCP session keys an SRTP master key and
 * salt give (RFC 3711 §4.3, AES-192/256 per RFC 6188), for cross-checks with other stacks.
 */
@Command(
    name = "srtp-kdf",
    mixinStandardHelpOptions = true,
    description = {
      "SRTP/SRTCP session keys of RFC 3711 §4.3 (AES-CM PRF; RFC 6188 for 192/256-bit keys).",
      "Prints srtp_encr_key, srtp_auth_key, srtp_salt, srtcp_encr_key, srtcp_auth_key and srtcp_salt: "
          + "the encryption keys as long as the master key, the auth keys 160 bits, the salts 112 bits.",
      "SRTP keys use r = --index DIV --kdr; SRTCP keys use r = --srtcp-index DIV --kdr, where --srtcp-index "
          + "defaults to the --index value (which must then fit in 31 bits). With --kdr 0 (the default) r = 0 "
          + "and the indices do not matter."
    })
public final class SrtpKdfCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--master-key", required = true, paramLabel = "HEX", description = "Master key: 16, 24 or 32 bytes.")
  String masterKey;

  @Option(names = "--master-salt", required = true, paramLabel = "HEX",
      description = "Master salt: 14 bytes (12 for the AEAD transforms of RFC 7714).")
  String masterSalt;

  @Option(names = "--index", paramLabel = "N", defaultValue = "0",
      description = "48-bit SRTP packet index ROC || SEQ, decimal (default: ${DEFAULT-VALUE}).")
  long index;

  @Option(names = "--srtcp-index", paramLabel = "N",
      description = "31-bit SRTCP index, decimal (default: the --index value).")
  Long srtcpIndex;

  @Option(names = "--kdr", paramLabel = "N", defaultValue = "0",
      description = "key_derivation_rate, decimal: 0 or a power of 2 up to 2^24 (default: ${DEFAULT-VALUE}).")
  long kdr;

  @Option(names = "--srtcp-r-bits", paramLabel = "48|32", defaultValue = "48",
      description = "Width of r for the SRTCP labels: 48 as RFC 3711 Errata 3712 and libsrtp (default), "
          + "or 32 as RFC 3711 §4.3.2 is written (NIST CAVP vectors).")
  int srtcpRBits;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SrtcpIndexWidth width = switch (srtcpRBits) {
        case 48 -> SrtcpIndexWidth.BITS_48_ERRATA_3712;
        case 32 -> SrtcpIndexWidth.BITS_32_RFC_3711_TEXT;
        default -> throw new IllegalArgumentException("--srtcp-r-bits: " + srtcpRBits + " (expected: 48 or 32)");
      };
      KeyDerivationRate rate = rate(kdr);
      if (index < 0 || index > SrtpKdf.MAX_SRTP_INDEX) {
        throw new IllegalArgumentException("--index: " + index + " (expected: 0.." + SrtpKdf.MAX_SRTP_INDEX + ", 48 bits)");
      }
      long rtcpIndex = srtcpIndex != null ? srtcpIndex : index;
      if (rtcpIndex < 0 || rtcpIndex > SrtpKdf.MAX_SRTCP_INDEX) {
        throw new IllegalArgumentException((srtcpIndex != null ? "--srtcp-index: " : "SRTCP index (from --index): ")
            + rtcpIndex + " (expected: 0.." + SrtpKdf.MAX_SRTCP_INDEX + ", 31 bits" + (srtcpIndex != null ? ")" : "; give --srtcp-index)"));
      }
      try (SecretBytes key = CryptoHex.parseSecret("--master-key", masterKey, 16, 24, 32);
          SecretBytes salt = CryptoHex.parseSecret("--master-salt", masterSalt, 14, 12)) {
        SessionKeyLengths lengths = SessionKeyLengths.aesCmHmacSha1(key.length());
        try (SrtpKdf kdf = new SrtpKdf(key, salt, rate, width);
            SrtpSessionKeys rtp = kdf.srtpSessionKeys(index, lengths);
            SrtpSessionKeys rtcp = kdf.srtcpSessionKeys(rtcpIndex, lengths)) {
          out.println("srtp_encr_key=" + rtp.encrKey().unsafeHex());
          out.println("srtp_auth_key=" + rtp.authKey().unsafeHex());
          out.println("srtp_salt=" + rtp.saltKey().unsafeHex());
          out.println("srtcp_encr_key=" + rtcp.encrKey().unsafeHex());
          out.println("srtcp_auth_key=" + rtcp.authKey().unsafeHex());
          out.println("srtcp_salt=" + rtcp.saltKey().unsafeHex());
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("ddsec crypto srtp-kdf: " + e.getMessage());
      return 2;
    }
    out.flush();
    return 0;
  }

  private static KeyDerivationRate rate(long kdr) {
    try {
      return new KeyDerivationRate(kdr);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--kdr: " + kdr + " (expected: 0 or a power of 2 from 1 to 2^24)", e);
    }
  }
}
