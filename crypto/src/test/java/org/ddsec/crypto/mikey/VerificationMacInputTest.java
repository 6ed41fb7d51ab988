package org.ddsec.crypto.mikey;

import static org.ddsec.crypto.mikey.MikeyPrfTest.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Base64;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

/** What the V payload's MAC covers (RFC 3830 §5.2, RFC 6043 §5.5 Table 5.2, RFC 6267 §5.4). */
class VerificationMacInputTest {

  private static final byte[] MSG = Hex.decode("01 02 03 04 05 06 07 08");
  private static final byte[] ID_I = ascii("alice@a.example");
  private static final byte[] ID_R = ascii("bob@b.example");
  private static final byte[] ID_KMS = ascii("kms.example");

  private static String hex(byte[]... parts) {
    return Hex.encode(MikeyPrfTest.concat(parts));
  }

  @Test
  void rfc3830Verification_isMessageIdentityIIdentityRTimestamp() {
    byte[] t = Hex.decode("c8e350ea00000000");
    assertThat(Hex.encode(VerificationMacInput.rfc3830Verification(MSG, ID_I, ID_R, t))).isEqualTo(hex(MSG, ID_I, ID_R, t));
  }

  @Test
  void rfc3830Verification_onRfc4567AnswerBytes_appendsOfferAndAnswerIdentitiesAndT() {
    // RFC 4567 §5.1: Bob's PSK verification message (HDR, T, ID, V with a 20-byte HMAC-SHA-1 MAC)
    // answering Alice's offer, whose ID payload carries "donald@duck.com".
    byte[] answer = Base64.getDecoder().decode(
        "AQEFgM0XflABAAAAAAAAAAAAAAYAyONQ6gAAAAAJAAAQbWlja2V5QG1vdXNlLmNvbQABn8HdGE5BMDXFIuGEga+62AgY5cc=");
    byte[] upToMac = Arrays.copyOf(answer, answer.length - 20);
    byte[] t = Hex.decode("c8e350ea00000000"); // the T payload's NTP-UTC value
    byte[] in = VerificationMacInput.rfc3830Verification(upToMac, ascii("donald@duck.com"), ascii("mickey@mouse.com"), t);
    assertThat(in).hasSize(upToMac.length + 15 + 16 + 8);
    assertThat(Hex.encode(in)).startsWith(Hex.encode(upToMac)).endsWith(hex(ascii("donald@duck.com"), ascii("mickey@mouse.com"), t));
    assertThat(Hex.encode(Arrays.copyOfRange(answer, answer.length - 21, answer.length - 20))).isEqualTo("01"); // Auth alg HMAC-SHA-1-160
  }

  @Test
  void message_isTheMessageItself() {
    assertThat(VerificationMacInput.message(MSG)).isEqualTo(MSG).isNotSameAs(MSG);
  }

  @Test
  void pkeKemac_zeroesTheNextPayloadField() {
    assertThat(Hex.encode(VerificationMacInput.pkeKemac(Hex.decode("0b 01 0005 aabbccddee 01"))))
        .isEqualTo(hex(Hex.decode("00 01 0005 aabbccddee 01")));
    assertThrows(IllegalArgumentException.class, () -> VerificationMacInput.pkeKemac(new byte[0]));
  }

  @Test
  void ticketInitialMessages_appendIdentitiesOnly() {
    assertThat(Hex.encode(VerificationMacInput.requestInit(MSG, ID_I, ID_KMS))).isEqualTo(hex(MSG, ID_I, ID_KMS));
    assertThat(Hex.encode(VerificationMacInput.resolveInit(MSG, ID_R, ID_KMS))).isEqualTo(hex(MSG, ID_R, ID_KMS));
  }

  @Test
  void ticketResponseMessages_appendTheWholeInitialMessage() {
    byte[] init = Hex.decode("0e 0e 0e 0e ffff ffff"); // any initial message, MAC included
    assertThat(Hex.encode(VerificationMacInput.requestResp(MSG, init))).isEqualTo(hex(MSG, init));
    assertThat(Hex.encode(VerificationMacInput.transferResp(MSG, init))).isEqualTo(hex(MSG, init));
    assertThat(Hex.encode(VerificationMacInput.resolveResp(MSG, init))).isEqualTo(hex(MSG, init));
  }

  @Test
  void transferInit_appendsIdentitiesToTheCoveredBytes() {
    assertThat(Hex.encode(VerificationMacInput.transferInit(MSG, ID_I, ID_R))).isEqualTo(hex(MSG, ID_I, ID_R));
  }

  @Test
  void ticketData_dropsNextPayloadField() {
    assertThat(Hex.encode(VerificationMacInput.ticketData(Hex.decode("11 0001 02 03")))).isEqualTo("00010203");
  }

  @Test
  void ibake_appendsIdentitiesToTheCoveredBytes() {
    assertThat(Hex.encode(VerificationMacInput.ibake(MSG, ID_I, ID_R))).isEqualTo(hex(MSG, ID_I, ID_R));
  }

  @Test
  void verify_everyBitFlipOfMessageIdentitiesOrTimestamp_throws() throws Exception {
    SecretBytes authKey = SecretBytes.copyOf(new byte[20]);
    byte[] t = Hex.decode("c8e350ea00000000");
    byte[] tag = MikeyMac.HMAC_SHA_1_160.compute(authKey, VerificationMacInput.rfc3830Verification(MSG, ID_I, ID_R, t));
    Tamper.assertEveryBitFlipRejected(MSG, AuthenticationException.class,
        m -> MikeyMac.HMAC_SHA_1_160.verify(authKey, tag, VerificationMacInput.rfc3830Verification(m, ID_I, ID_R, t)));
    Tamper.assertEveryBitFlipRejected(ID_I, AuthenticationException.class,
        i -> MikeyMac.HMAC_SHA_1_160.verify(authKey, tag, VerificationMacInput.rfc3830Verification(MSG, i, ID_R, t)));
    Tamper.assertEveryBitFlipRejected(ID_R, AuthenticationException.class,
        r -> MikeyMac.HMAC_SHA_1_160.verify(authKey, tag, VerificationMacInput.rfc3830Verification(MSG, ID_I, r, t)));
    Tamper.assertEveryBitFlipRejected(t, AuthenticationException.class,
        x -> MikeyMac.HMAC_SHA_1_160.verify(authKey, tag, VerificationMacInput.rfc3830Verification(MSG, ID_I, ID_R, x)));
  }
}
