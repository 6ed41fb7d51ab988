package org.ddsec.server.mailbox.media;

import java.nio.file.Path;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.srtp.SrtpSuite;

/**
 * Run in a child JVM by {@link FileStoredMessageStoreTest}: commits message "complete", then
 * starts "interrupted", stores packets, prints {@code WRITING} and keeps writing until the
 * parent kills it with SIGKILL — a power cut in the middle of a deposit.
 */
public final class DepositThenDie {

  public static void main(String[] args) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(Path.of(args[0]));
    try (FileStoredMessageStore.Deposit d = FileStoredMessageStoreTest.begin(store, "complete")) {
      for (int i = 0; i < 50; i++) {
        d.accept(i, FileStoredMessageStoreTest.packet(i));
      }
      d.commit();
    }
    FileStoredMessageStore.Deposit d = store.begin("interrupted", SrtpSuite.AEAD_AES_128_GCM, KeyDerivationRate.ZERO, 0, null,
        UdpEndpoint.parse("192.0.2.1:1"), UdpEndpoint.parse("192.0.2.2:2"), Long.MAX_VALUE);
    for (int i = 0; i < 500; i++) {
      d.accept(i, FileStoredMessageStoreTest.packet(i));
    }
    System.out.println("WRITING");
    System.out.flush();
    for (int i = 500; ; i++) {
      d.accept(i, FileStoredMessageStoreTest.packet(i & 0xFFFF));
      if (i % 100 == 0) {
        Thread.sleep(5);
      }
    }
  }
}
