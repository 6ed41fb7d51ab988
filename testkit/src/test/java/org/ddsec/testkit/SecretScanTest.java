package org.ddsec.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak scan finds each form of a secret, names the secret by index only, and passes clean text. */
class SecretScanTest {

  private static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f");
  private static final byte[] OTHER = Hex.decode("f0e1d2c3b4a5968778695a4b3c2d1e0f");

  @Test
  void eachForm_found_secretNotShown() {
    for (String leak : List.of("k=000102030405060708090a0b0c0d0e0f", "K=000102030405060708090A0B0C0D0E0F", "b64 " + Base64.getEncoder().encodeToString(KEY),
        "prefix 0001020304050607 only")) {
      var hit = SecretScan.firstHit(List.of("clean line", leak), List.of(OTHER, KEY));
      assertTrue(hit.isPresent(), leak);
      assertTrue(hit.get().startsWith("line 2 holds secret #1"), hit.get());
      assertFalse(hit.get().contains("0001020304050607"), hit.get());
    }
  }

  @Test
  void cleanLines_noHit() {
    assertEquals(java.util.Optional.empty(), SecretScan.firstHit(List.of("mailbox deposit outcome=stored", "00010203"), List.of(KEY, OTHER)));
  }
}
