package org.ddsec.server.mailbox.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.PcapFormatException;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.capture.StoredMessageMetadata;
import org.ddsec.media.capture.StoredMessageMetadata.MikeyCryptoSession;
import org.ddsec.media.capture.StoredMessageRecorder;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.srtp.SrtpSuite;

/**
 * The mailbox's stored deferred messages as files in one directory: {@code <id>.pcap} (the SRTP
 * packets exactly as they arrived, see {@code media.capture}) and {@code <id>.meta} (the
 * stored-message metadata, which names the capture's length and SHA-256).
 *
 * <p><b>A message is complete and visible, or absent.</b> A {@link Deposit} writes both parts to
 * temporary files ({@code .<id>.<uuid>.pcap.tmp} / {@code .meta.tmp}) in the same directory,
 * forces them to disk, then renames the capture and, last, the metadata to their final names
 * with atomic moves, and forces the directory. The metadata file is the commit record: {@link
 * #list()} and {@link #read} only see messages whose {@code .meta} exists, and {@link #read}
 * checks the capture against it. A deposit that is abandoned, throws, or whose process dies
 * leaves only temporary files (or, dying between the two renames, an orphan capture), which
 * nothing lists and {@link #recover()} removes at start-up.
 *
 * <p>One store object per directory and process; concurrent deposits of different ids are safe.
 */
public final class FileStoredMessageStore {

  private static final String PCAP = ".pcap";
  private static final String META = ".meta";
  private static final String TMP = ".tmp";

  private final Path dir;

  /** A store over {@code dir}, which is created if missing. */
  public FileStoredMessageStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(Objects.requireNonNull(dir, "dir"));
  }

  public Path directory() {
    return dir;
  }

  /**
   * Starts storing message {@code messageId}.
   *
   * @throws FileAlreadyExistsException if a message with that id is already stored
   * @throws IllegalArgumentException if the id is not a valid message id
   */
  public Deposit begin(String messageId, SrtpSuite suite, KeyDerivationRate kdr, long initialRoc, MikeyCryptoSession mikey,
      UdpEndpoint source, UdpEndpoint destination, long maxPackets) throws IOException {
    StoredMessageMetadata.requireValidId(messageId);
    if (Files.exists(dir.resolve(messageId + META))) {
      throw new FileAlreadyExistsException(dir.resolve(messageId + META).toString(), null, "message already stored");
    }
    return new Deposit(messageId, suite, kdr, initialRoc, mikey, source, destination, maxPackets);
  }

  /** Ids of the complete messages, sorted. */
  public List<String> list() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + META)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".")) {
          String id = name.substring(0, name.length() - META.length());
          if (Files.isRegularFile(dir.resolve(id + PCAP))) {
            ids.add(id);
          }
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * A complete message, its capture checked against its metadata; empty if there is no such
   * message.
   *
   * @throws PcapFormatException if the files exist but do not form a valid message (damaged on disk)
   */
  public Optional<StoredMessage> read(String messageId) throws IOException, PcapFormatException {
    StoredMessageMetadata.requireValidId(messageId);
    byte[] meta;
    byte[] pcap;
    try {
      meta = Files.readAllBytes(dir.resolve(messageId + META));
      pcap = Files.readAllBytes(dir.resolve(messageId + PCAP));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    StoredMessageMetadata m = StoredMessageMetadata.parse(meta);
    if (!m.messageId().equals(messageId)) {
      throw new PcapFormatException("stored message " + messageId + " metadata: names message " + m.messageId() + " (expected: its own id)");
    }
    return Optional.of(StoredMessage.of(m, pcap));
  }

  /** Deletes a message: the metadata first, so it disappears at once. Returns whether it existed. */
  public boolean delete(String messageId) throws IOException {
    StoredMessageMetadata.requireValidId(messageId);
    boolean existed = Files.deleteIfExists(dir.resolve(messageId + META));
    Files.deleteIfExists(dir.resolve(messageId + PCAP));
    forceDirectory();
    return existed;
  }

  /**
   * Removes what interrupted deposits left: temporary files and captures without metadata. Call
   * once at start-up, before any deposit begins. Returns the number of files removed.
   */
  public int recover() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        boolean temp = name.startsWith(".") && name.endsWith(TMP);
        boolean orphan = !name.startsWith(".") && name.endsWith(PCAP)
            && !Files.exists(dir.resolve(name.substring(0, name.length() - PCAP.length()) + META));
        if ((temp || orphan) && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    if (removed > 0) {
      forceDirectory();
    }
    return removed;
  }

  /**
   * One message being stored. {@link #commit()} makes it visible; {@link #close()} without a
   * commit (or after a failed one) discards it. Not thread-safe.
   */
  public final class Deposit implements AutoCloseable {

    private final String id;
    private final Path pcapTmp;
    private final Path metaTmp;
    private final FileChannel channel;
    private final OutputStream out;
    private final StoredMessageRecorder recorder;
    private boolean done;

    private Deposit(String id, SrtpSuite suite, KeyDerivationRate kdr, long roc, MikeyCryptoSession mikey, UdpEndpoint src,
        UdpEndpoint dst, long maxPackets) throws IOException {
      this.id = id;
      String unique = "." + id + "." + UUID.randomUUID();
      this.pcapTmp = dir.resolve(unique + PCAP + TMP);
      this.metaTmp = dir.resolve(unique + META + TMP);
      this.channel = FileChannel.open(pcapTmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      boolean ok = false;
      try {
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        this.recorder = new StoredMessageRecorder(out, id, suite, kdr, roc, mikey, src, dst, maxPackets);
        ok = true;
      } finally {
        if (!ok) {
          channel.close();
          Files.deleteIfExists(pcapTmp);
        }
      }
    }

    public String messageId() {
      return id;
    }

    /** Stores one arriving datagram (see {@link StoredMessageRecorder#accept}). */
    public StoredMessageRecorder.Ingest accept(long arrivalMicros, byte[] packet) throws IOException {
      if (done) {
        throw new IllegalStateException("deposit of " + id + " is closed");
      }
      return recorder.accept(arrivalMicros, packet);
    }

    /** Packets stored so far. */
    public long packets() {
      return recorder.packets();
    }

    /**
     * Makes the message durable and visible, atomically; the deposit is closed afterwards.
     *
     * @throws FileAlreadyExistsException if a message with this id was committed meanwhile
     * @throws IllegalStateException if no packet was stored
     */
    public StoredMessageMetadata commit() throws IOException {
      if (done) {
        throw new IllegalStateException("deposit of " + id + " is closed");
      }
      try {
        StoredMessageMetadata m = recorder.finish();
        out.flush();
        channel.force(true);
        channel.close();
        try (FileChannel mc = FileChannel.open(metaTmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer b = ByteBuffer.wrap(m.encode());
          while (b.hasRemaining()) {
            mc.write(b);
          }
          mc.force(true);
        }
        Path meta = dir.resolve(id + META);
        if (Files.exists(meta)) {
          throw new FileAlreadyExistsException(meta.toString(), null, "message already stored");
        }
        Files.move(pcapTmp, dir.resolve(id + PCAP), StandardCopyOption.ATOMIC_MOVE);
        Files.move(metaTmp, meta, StandardCopyOption.ATOMIC_MOVE); // the commit point
        forceDirectory();
        done = true;
        return m;
      } finally {
        if (!done) {
          close();
        }
      }
    }

    /** Discards the deposit unless it was committed. Idempotent. */
    @Override
    public void close() throws IOException {
      if (done && !channel.isOpen()) {
        return;
      }
      done = true;
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(pcapTmp);
        Files.deleteIfExists(metaTmp);
      }
    }
  }

  /** Forces the directory entry changes (renames, deletions) to disk where the platform allows. */
  private void forceDirectory() throws IOException {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return; // a directory cannot be opened there; NTFS renames are atomic all the same
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
