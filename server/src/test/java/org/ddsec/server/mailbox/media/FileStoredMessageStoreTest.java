package org.ddsec.server.mailbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.PcapFormatException;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.capture.StoredMessageMetadata;
import org.ddsec.media.capture.StoredMessageMetadata.MikeyCryptoSession;
import org.ddsec.media.capture.StoredMessageRecorder.Ingest;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.media.srtp.SrtpSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored message is complete and visible, or absent — whatever happens during the deposit. */
class FileStoredMessageStoreTest {

  static byte[] packet(int seq) {
    return RtpPacket.of(false, 0, seq & 0xFFFF, 160L * seq, 0xFEEDL, Bytes.of(new byte[170])).encode();
  }

  static FileStoredMessageStore.Deposit begin(FileStoredMessageStore store, String id) throws IOException {
    return store.begin(id, SrtpSuite.AES_CM_128_HMAC_SHA1_80, KeyDerivationRate.ZERO, 0, new MikeyCryptoSession(1, 1),
        UdpEndpoint.parse("192.0.2.1:40000"), UdpEndpoint.parse("192.0.2.2:5004"), 10_000);
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void commit_makesBothFilesVisibleAndReadable(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    StoredMessageMetadata m;
    try (FileStoredMessageStore.Deposit d = begin(store, "m-1")) {
      for (int i = 0; i < 10; i++) {
        assertThat(d.accept(1000L * i, packet(i))).isEqualTo(Ingest.STORED);
      }
      assertThat(store.list()).isEmpty(); // not visible while being written
      m = d.commit();
    }
    assertThat(files(dir)).containsExactly("m-1.meta", "m-1.pcap");
    assertThat(store.list()).containsExactly("m-1");
    StoredMessage s = store.read("m-1").orElseThrow();
    assertThat(s.metadata()).isEqualTo(m);
    assertThat(s.packets()).hasSize(10);
    assertThat(s.packets().get(3).payload()).isEqualTo(Bytes.of(packet(3)));
    assertThat(store.read("m-2")).isEmpty();
    assertThrows(FileAlreadyExistsException.class, () -> begin(store, "m-1"));
  }

  @Test
  void abandon_leavesNothing(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    try (FileStoredMessageStore.Deposit d = begin(store, "gone")) {
      d.accept(0, packet(0));
      assertThat(files(dir)).hasSize(1).allMatch(n -> n.startsWith(".gone.") && n.endsWith(".pcap.tmp"));
    } // closed without commit
    assertThat(files(dir)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void exceptionMidwayThroughADeposit_leavesNothingVisible(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    RuntimeException boom = assertThrows(RuntimeException.class, () -> {
      try (FileStoredMessageStore.Deposit d = begin(store, "broken")) {
        for (int i = 0; i < 100; i++) {
          d.accept(i, packet(i));
          if (i == 60) {
            throw new RuntimeException("caller fails midway");
          }
        }
        d.commit();
      }
    });
    assertThat(boom).hasMessage("caller fails midway");
    assertThat(store.list()).isEmpty();
    assertThat(files(dir)).isEmpty();
  }

  @Test
  void commitOfAnEmptyDeposit_failsAndLeavesNothing(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    FileStoredMessageStore.Deposit d = begin(store, "empty");
    assertThrows(IllegalStateException.class, d::commit);
    assertThat(files(dir)).isEmpty();
    assertThrows(IllegalStateException.class, () -> d.accept(0, packet(0)));
  }

  @Test
  void processKilledDuringADeposit_onlyTheCommittedMessageIsVisible(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DepositThenDie.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      assertThat(line).isEqualTo("WRITING");
      child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    assertThat(store.list()).containsExactly("complete");
    assertThat(store.read("complete").orElseThrow().packets()).hasSize(50);
    assertThat(store.read("interrupted")).isEmpty();
    assertThat(files(dir)).contains("complete.meta", "complete.pcap").anyMatch(n -> n.startsWith(".interrupted."));
    assertThat(store.recover()).isEqualTo(1);
    assertThat(files(dir)).containsExactly("complete.meta", "complete.pcap");
  }

  @Test
  void orphanCaptureFromACrashBetweenTheRenames_isInvisibleAndRecovered(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    try (FileStoredMessageStore.Deposit d = begin(store, "a")) {
      d.accept(0, packet(0));
      d.commit();
    }
    Files.copy(dir.resolve("a.pcap"), dir.resolve("b.pcap")); // as if b's metadata rename never happened
    assertThat(store.list()).containsExactly("a");
    assertThat(store.read("b")).isEmpty();
    assertThat(store.recover()).isEqualTo(1);
    assertThat(files(dir)).containsExactly("a.meta", "a.pcap");
  }

  @Test
  void read_captureDamagedOnDisk_isAFormatErrorNotABadMessage(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    try (FileStoredMessageStore.Deposit d = begin(store, "x")) {
      d.accept(0, packet(0));
      d.commit();
    }
    byte[] pcap = Files.readAllBytes(dir.resolve("x.pcap"));
    pcap[pcap.length - 1] ^= 1;
    Files.write(dir.resolve("x.pcap"), pcap);
    assertThat(assertThrows(PcapFormatException.class, () -> store.read("x")).getMessage()).contains("capture SHA-256");
  }

  @Test
  void delete_removesTheMessage(@TempDir Path dir) throws Exception {
    FileStoredMessageStore store = new FileStoredMessageStore(dir);
    try (FileStoredMessageStore.Deposit d = begin(store, "d")) {
      d.accept(0, packet(0));
      d.commit();
    }
    assertThat(store.delete("d")).isTrue();
    assertThat(store.delete("d")).isFalse();
    assertThat(files(dir)).isEmpty();
    assertThrows(IllegalArgumentException.class, () -> store.read("../etc/passwd"));
  }
}
