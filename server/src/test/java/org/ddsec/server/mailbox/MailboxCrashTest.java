package org.ddsec.server.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ddsec.core.Bytes;
import org.ddsec.server.mailbox.media.FileStoredMessageStore;
import org.ddsec.server.mailbox.store.JdbcMailboxStore;
import org.ddsec.server.mailbox.store.MediaSummary;
import org.ddsec.server.store.Database;
import org.ddsec.server.store.JdbcReplayCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deposit cut off mid-stream leaves a complete message or none: the mailbox process is killed
 * (SIGKILL) while SRTP is arriving; after recovery the completed deposit is there with its media,
 * the interrupted one is gone without trace. A crash between the media commit and the row insert
 * (orphan media) is recovered too.
 */
class MailboxCrashTest {

  @Test
  void processKilledMidStream_completedMessageKept_interruptedOneGone(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DepositThenCrash.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String complete;
    String interrupted;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = r.readLine();
      } while (line != null && !line.startsWith("STREAMING "));
      assertThat(line).as("child output").isNotNull();
      String[] f = line.split(" ");
      complete = f[1];
      interrupted = f[2];
      Thread.sleep(200); // more packets of the open deposit land in its temporary capture
      child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    Path mediaDir = dir.resolve("mailbox/media");
    try (Stream<Path> st = Files.list(mediaDir)) {
      assertThat(st.map(p -> p.getFileName().toString()).toList()).as("left by the kill").anyMatch(n -> n.startsWith("." + interrupted));
    }
    try (Database db = Database.open(Database.Settings.h2File(dir.resolve("mailbox"), "mailbox"),
        List.of(JdbcMailboxStore.SCHEMA, JdbcReplayCache.SCHEMA), "after-crash")) {
      JdbcMailboxStore store = new JdbcMailboxStore(db);
      FileStoredMessageStore media = new FileStoredMessageStore(mediaDir);
      MailboxService.recover(store, new org.ddsec.server.mailbox.store.JdbcIbakeMessageStore(db), media);
      assertThat(store.find(Bytes.fromHex(complete)).orElseThrow().media().orElseThrow().packets()).isEqualTo(50);
      assertThat(media.read(complete).orElseThrow().packets()).hasSize(50);
      assertThat(store.find(Bytes.fromHex(interrupted))).isEmpty();
      assertThat(media.list()).containsExactly(complete);
      try (Stream<Path> st = Files.list(mediaDir)) {
        assertThat(st.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(complete + ".meta", complete + ".pcap");
      }
    }
  }

  @Test
  void crashBetweenMediaCommitAndRowInsert_orphanMediaRemovedAtRecovery(@TempDir Path dir) throws Exception {
    try (Database db = Database.open(Database.Settings.h2File(dir, "mailbox"), List.of(JdbcMailboxStore.SCHEMA, JdbcReplayCache.SCHEMA), "t")) {
      JdbcMailboxStore store = new JdbcMailboxStore(db);
      org.ddsec.server.mailbox.store.JdbcIbakeMessageStore ibake = new org.ddsec.server.mailbox.store.JdbcIbakeMessageStore(db);
      FileStoredMessageStore media = new FileStoredMessageStore(dir.resolve("media"));
      for (String id : List.of("aa", "bb", "cc")) {
        try (FileStoredMessageStore.Deposit d = media.begin(id, org.ddsec.media.srtp.SrtpSuite.AES_CM_128_HMAC_SHA1_80,
            org.ddsec.crypto.srtp.KeyDerivationRate.ZERO, 0, null, org.ddsec.media.capture.UdpEndpoint.parse("127.0.0.1:1"),
            org.ddsec.media.capture.UdpEndpoint.parse("127.0.0.1:2"), 10)) {
          byte[] p = new byte[172];
          p[0] = (byte) 0x80;
          d.accept(1, p);
          var m = d.commit();
          if (id.equals("aa")) {
            var rec = org.ddsec.server.mailbox.store.MailboxStoreFixtures.record(1);
            store.store(rec, Optional.of(MediaSummary.of(m)));
          }
          if (id.equals("cc")) { // an IBAKE-DD message's media: its row is in the other table
            ibake.store(org.ddsec.server.mailbox.store.MailboxStoreFixtures.ibakeMessage(1), java.time.Instant.EPOCH, Optional.of(MediaSummary.of(m)));
          }
        }
      }
      assertThat(media.list()).containsExactly("aa", "bb", "cc");
      MailboxService.recover(store, ibake, media);
      assertThat(media.list()).containsExactly("aa", "cc");
      assertThat(store.count()).isEqualTo(1);
      assertThat(ibake.count()).isEqualTo(1);
    }
  }
}
