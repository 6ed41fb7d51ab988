package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mailbox never learns SK: every byte string the mailbox role received, sent, stored,
 * decrypted or derived in a run (its audit tap: both I_MESSAGEs, the decrypted IBAKE, K_SESSION,
 * MPK, the A–mailbox TGK and auth_key, the stored I_MESSAGE_2 with its ESK, R_MESSAGE_1/2, the
 * inbox responses) is searched for every message's SK, SRTP master key and salt, and for the
 * users' own secrets (RSK, Ks_NAF) — none occurs, nor an 8-byte prefix of one. The search is
 * shown to work on a planted copy, and the tap is shown to have seen the mailbox's own session
 * keys (which it does hold, and which are not the media keys).
 */
class MailboxNeverLearnsSkTest {

  private record Seen(String what, byte[] bytes) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void noSecretOfAnyDeferredMessageOccursInAnythingTheMailboxHandled(IbakeMode mode) {
    List<Seen> seen = new ArrayList<>();
    List<String> users = List.of("sip:alice@ims.example", "sip:bob@ims.example", "sip:carol@ims.example");
    IbakeDdWorld w = new IbakeDdWorld(users, mode, 5, Trace.NONE, (what, bytes) -> seen.add(new Seen(what, bytes.clone())));
    List<SecretBytes> secrets = new ArrayList<>();
    KeyPeriod now = KeyPeriod.containing(w.clock().instant());
    for (String a : users) {
      secrets.add(w.user(a).insecureKsNaf());
      PeriodKeys k = w.user(a).keys().get(now).orElseThrow();
      secrets.add(k.rsk().encoded());
      for (String b : users) {
        if (!a.equals(b)) {
          IbakeCall c = w.deposit(a, b).orElseThrow();
          secrets.add(c.mediaKey());
          secrets.add(c.srtp().tek());
          secrets.add(c.srtp().salt());
        }
      }
    }
    for (String b : users) {
      assertThat(w.retrieveAll(b)).hasSize(2);
    }
    assertThat(w.refusals()).isEmpty();
    assertThat(seen).extracting(Seen::what).contains("received I_MESSAGE_1", "received I_MESSAGE_2", "decrypted IBAKE of I_MESSAGE_2",
        "derived K_SESSION", "derived MPK", "derived TGK (A–mailbox session)", "stored I_MESSAGE_2 (with the ESK)", "sent R_MESSAGE_2",
        "sent inbox response");
    // 3 Ks_NAF and RSKs; 6 SKs, SRTP master keys and salts.
    assertThat(secrets).hasSize(3 * 2 + 6 * 3);
    for (SecretBytes s : secrets) {
      byte[] needle = s.unsafeBytes();
      byte[] prefix = Arrays.copyOf(needle, 8);
      for (Seen x : seen) {
        assertThat(contains(x.bytes, needle)).as("a %d-byte secret in %s", needle.length, x.what).isFalse();
        assertThat(contains(x.bytes, prefix)).as("an 8-byte prefix in %s", x.what).isFalse();
      }
      byte[] planted = new byte[needle.length + 10];
      System.arraycopy(needle, 0, planted, 7, needle.length);
      assertThat(contains(planted, needle)).isTrue();
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
