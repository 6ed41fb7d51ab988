package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.trace.TraceLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mailbox never learns K: every byte string the mailbox role received, sent, stored, decrypted
 * or derived in a run (collected through its audit tap) is searched for K, the SRTP master key
 * and salt, Ka and Kb — none occurs anywhere. The search is shown to work on a planted copy.
 */
class MailboxNeverLearnsKTest {

  private record Seen(String what, byte[] bytes) {}

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void noSecretOfAnyFlowOccursInAnythingTheMailboxHandled(boolean e2m) {
    List<Seen> seen = new ArrayList<>();
    List<String> users = List.of("sip:alice@ims.example", "sip:bob@ims.example", "sip:carol@ims.example");
    KmsDdWorld w = new KmsDdWorld(users, e2m, 5, new TraceLog(), (what, bytes) -> seen.add(new Seen(what, bytes.clone())));
    List<SecretBytes> secrets = new ArrayList<>();
    for (String a : users) {
      secrets.add(w.user(a).insecureKsNaf());
      for (String b : users) {
        if (!a.equals(b)) {
          CallKeys k = w.deposit(a, b).orElseThrow();
          secrets.add(k.k());
          secrets.add(k.srtp().tek());
          secrets.add(k.srtp().salt());
        }
      }
    }
    for (String b : users) {
      assertThat(w.retrieveAll(b)).hasSize(2);
    }
    assertThat(seen).extracting(Seen::what).contains("received TRANSFER_INIT", "received RESOLVE_RESP", "stored token", "sent TRANSFER_RESP");
    if (e2m) {
      assertThat(seen).extracting(Seen::what).contains("decrypted MPKi", "decrypted Ke2m");
    }
    for (SecretBytes s : secrets) {
      byte[] needle = s.unsafeBytes();
      for (Seen x : seen) {
        assertThat(contains(x.bytes, needle)).as("a %d-byte secret in %s", needle.length, x.what).isFalse();
      }
      // The search finds a planted copy.
      byte[] planted = new byte[needle.length + 10];
      System.arraycopy(needle, 0, planted, 7, needle.length);
      assertThat(contains(planted, needle)).isTrue();
    }
    // Neither do the 8-byte prefixes of K (no partial leak either).
    for (SecretBytes s : secrets) {
      byte[] prefix = java.util.Arrays.copyOf(s.unsafeBytes(), 8);
      for (Seen x : seen) {
        assertThat(contains(x.bytes, prefix)).as("8-byte prefix in %s", x.what).isFalse();
      }
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
