package org.ddsec.server.system;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.audio.G711;
import org.ddsec.media.rtp.RtpPacketiser;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpSession;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.protocol.ibakedd.IbakeCall;
import org.ddsec.protocol.ibakedd.initiator.Initiator;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.caller.Caller;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;

/**
 * Drives a deposit from the caller's side as the SIP front would present it, for tests and load
 * generation (not a UE: no SIP): A's TRANSFER_INIT ({@link Caller}) in a {@link DepositOffer},
 * {@link DepositHandler#onInvite}, A's keys from the TRANSFER_RESP — or, for IBAKE-DD ({@link
 * #ibakeInvite}), the two rounds I_MESSAGE_1 → R_MESSAGE_1 (Progress) and I_MESSAGE_2 →
 * R_MESSAGE_2 ({@link DepositHandler#onPrack}) with an {@link Initiator} — then real SRTP over UDP
 * from a loopback socket to the port the mailbox answered with (PCMU frames of a 440 Hz tone).
 */
public final class LoopbackCaller implements AutoCloseable {

  public final String callId;
  public final DepositOffer offer;
  public final DepositAnswer answer;
  public final CallKeys keys;
  /** IBAKE-DD: A's keys after R_MESSAGE_2 (null for KMS-DD, or if the exchange did not complete). */
  public final IbakeCall ibake;
  /** IBAKE-DD: the first round's answer (the reliable 183's), before {@link #answer} (the PRACK's). */
  public final DepositAnswer progress;
  public final long ssrc;
  public final List<byte[]> sentPayloads = new ArrayList<>();
  private final DatagramSocket socket;
  private final SrtpSession srtp;
  private final RtpPacketiser rtp;

  private LoopbackCaller(String callId, DepositOffer offer, DepositAnswer progress, DepositAnswer answer, CallKeys keys, IbakeCall ibake, long ssrc,
      DatagramSocket socket) {
    this.callId = callId;
    this.offer = offer;
    this.progress = progress;
    this.answer = answer;
    this.keys = keys;
    this.ibake = ibake;
    this.ssrc = ssrc;
    this.socket = socket;
    TrafficKeys t = keys != null ? keys.srtp() : ibake != null ? ibake.srtp() : null;
    if (t != null) {
      this.srtp = SrtpSession.sender(SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, t.tek(), t.salt()), SrtpOptions.DEFAULT);
      this.rtp = new RtpPacketiser(0, ssrc, 40_000, 123_456);
    } else {
      this.srtp = null;
      this.rtp = null;
    }
  }

  /**
   * {@code fromImpu} (with its B-TID and Ka) calls {@code toImpu}; the handler answers. {@link
   * #keys} is present only if it accepted.
   */
  public static LoopbackCaller invite(String kmsId, DepositHandler h, String fromImpu, String fromBtid, SecretBytes ka, String toImpu,
      String callId) throws java.io.IOException {
    Caller a = new Caller(Caller.Config.of(fromImpu, fromBtid, kmsId, false), ka, Clock.systemUTC(), RandomSource.secure(), Trace.NONE);
    long ssrc = RandomSource.secure().nextU32();
    Bytes ti = a.call(toImpu, ssrc);
    DatagramSocket sock = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    sock.setSendBufferSize(256 * 1024);
    DepositOffer offer = new DepositOffer(callId, toImpu, fromImpu, ti, (InetSocketAddress) sock.getLocalSocketAddress(), 0);
    DepositAnswer ans = h.onInvite(offer);
    CallKeys keys = null;
    if (ans instanceof DepositAnswer.Accept acc) {
      try {
        keys = a.onResponse(acc.mikeyResponse());
      } catch (org.ddsec.mikey.MikeyException e) {
        sock.close();
        throw new java.io.IOException("caller refused the TRANSFER_RESP: " + e.getMessage(), e);
      }
    }
    return new LoopbackCaller(callId, offer, null, ans, keys, null, ssrc, sock);
  }

  /**
   * IBAKE-DD (seed Fig. 27): {@code a} calls {@code toImpu} through {@code h} in two rounds; {@code
   * tamper} may change A's I_MESSAGE_2 on its way (an on-path attacker; identity for none). {@link
   * #ibake} is present only if both rounds were accepted and A took the R_MESSAGE_2.
   *
   * @param assertedCaller the caller identity the IMS core asserts (normally A's)
   */
  public static LoopbackCaller ibakeInvite(DepositHandler h, Initiator a, String assertedCaller, String toImpu, String callId,
      java.util.function.UnaryOperator<Bytes> tamper) throws java.io.IOException {
    long ssrc = RandomSource.secure().nextU32();
    Bytes i1;
    try {
      i1 = a.call(toImpu, ssrc);
    } catch (org.ddsec.mikey.MikeyException e) {
      throw new java.io.IOException("initiator refused to call: " + e.getMessage(), e);
    }
    DatagramSocket sock = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    sock.setSendBufferSize(256 * 1024);
    DepositOffer offer = new DepositOffer(callId, toImpu, assertedCaller, i1, (InetSocketAddress) sock.getLocalSocketAddress(), 0, true);
    DepositAnswer first = h.onInvite(offer);
    if (!(first instanceof DepositAnswer.Progress p)) {
      return new LoopbackCaller(callId, offer, first, first, null, null, ssrc, sock);
    }
    DepositAnswer second;
    try {
      Bytes i2 = a.onMessage(p.mikeyResponse()).reply().orElseThrow();
      second = h.onPrack(callId, tamper.apply(i2));
      if (!(second instanceof DepositAnswer.Accept acc)) {
        return new LoopbackCaller(callId, offer, first, second, null, null, ssrc, sock);
      }
      IbakeCall k = a.onMessage(acc.mikeyResponse()).done().orElseThrow();
      return new LoopbackCaller(callId, offer, first, second, null, k, ssrc, sock);
    } catch (org.ddsec.mikey.MikeyException e) {
      sock.close();
      throw new java.io.IOException("initiator refused the mailbox's answer: " + e.getMessage(), e);
    }
  }

  /** Sends {@code n} 20 ms PCMU frames as SRTP (a tone, so every frame differs). */
  public void send(int n) throws java.io.IOException {
    InetSocketAddress to = ((DepositAnswer.Accept) answer).localRtp();
    for (int i = 0; i < n; i++) {
      short[] pcm = new short[G711.FRAME_SAMPLES];
      for (int j = 0; j < pcm.length; j++) {
        pcm[j] = (short) (8000 * Math.sin((sentPayloads.size() * 160 + j) * 2 * Math.PI * 440 / 8000));
      }
      byte[] payload = G711.PCMU.encode(pcm);
      sentPayloads.add(payload);
      byte[] p = srtp.protect(rtp.next(Bytes.of(payload), G711.FRAME_SAMPLES).encode()).packet();
      socket.send(new DatagramPacket(p, p.length, to));
    }
  }

  /** Sends {@code n} frames paced every {@code intervalNanos} (20 ms for real time), as a phone does. */
  public void sendPaced(int n, long intervalNanos) throws java.io.IOException {
    long next = System.nanoTime();
    for (int i = 0; i < n; i++) {
      send(1);
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
    }
  }

  /** Sends a raw datagram from the caller's socket. */
  public void sendRaw(byte[] datagram) throws java.io.IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, ((DepositAnswer.Accept) answer).localRtp()));
  }

  /** Polls until the mailbox stored {@code n} packets of this call (or 10 s pass); whether it did. */
  public static boolean awaitPackets(org.ddsec.server.mailbox.MailboxService m, String callId, long n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (m.packetsOf(callId) < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return m.packetsOf(callId) >= n;
  }

  /** The PCM the recipient must hear: G.711 decoding of what was sent. */
  public short[] expectedPcm() {
    short[] out = new short[sentPayloads.size() * G711.FRAME_SAMPLES];
    for (int i = 0; i < sentPayloads.size(); i++) {
      System.arraycopy(G711.PCMU.decode(sentPayloads.get(i)), 0, out, i * G711.FRAME_SAMPLES, G711.FRAME_SAMPLES);
    }
    return out;
  }

  @Override
  public void close() {
    socket.close();
    if (srtp != null) {
      srtp.close();
    }
  }
}
