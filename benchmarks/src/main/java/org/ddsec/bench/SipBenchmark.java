package org.ddsec.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipParser;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.transaction.Effect;
import org.ddsec.protocol.sip.transaction.ServerTransaction;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.protocol.sip.transaction.TransactionLayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SIP layer's per-message costs: parsing and encoding a forwarded INVITE with an SRTP/MIKEY
 * offer (as the mailbox front receives it, ~1 KB), the proxy's rewrite of it, and one UAS INVITE
 * transaction (INVITE in, 100 and 200 out, ACK in) in the sans-I/O transaction layer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SipBenchmark {

  static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "a=key-mgmt:mikey AQALBQEAAAABAAAAAAAAAAAAAAAAAAAACwBqj0JyAAAAABEBAAIAAAAAAAAAAAAAAAABABBmvGbvZ0b5ITuXqUUgZDQRAQEBAAEAAAABAAEIAAAAAB4AAAAAAAAA"
      + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\r\n"
      + "m=audio 40000 RTP/SAVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=sendonly\r\n";
  static final String INVITE = "INVITE sip:mailbox@127.0.0.1:5070;target=sip:bob%40ims.example.org;cause=480 SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK5f2a9c1e3d7b4a60;rport\r\n"
      + "Via: SIP/2.0/TLS 127.0.0.1:40312;branch=z9hG4bKa81f2d3c4b5e6f70;rport=40312;received=127.0.0.1\r\n"
      + "Max-Forwards: 69\r\n"
      + "Record-Route: <sip:127.0.0.1:5060;transport=udp;lr>\r\nRecord-Route: <sip:127.0.0.1:5061;transport=tls;lr>\r\n"
      + "From: <sip:alice@ims.example.org>;tag=3f9a7c1d2e4b6a80\r\nTo: <sip:bob@ims.example.org>\r\n"
      + "Call-ID: 6b1e4f2a9c3d7e8f0a1b2c3d@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
      + "Contact: <sip:alice@127.0.0.1:40312;transport=tls>\r\nP-Asserted-Identity: <sip:alice@ims.example.org>\r\n"
      + "History-Info: <sip:bob@ims.example.org?Reason=SIP%3Bcause%3D480>;index=1\r\n"
      + "History-Info: <sip:mailbox@127.0.0.1:5070;target=sip:bob%40ims.example.org;cause=480>;index=1.1;mp=1\r\n"
      + "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\nContent-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP;

  byte[] wire;
  SipRequest invite;
  SipRequest ack;
  static final Hop FROM = new Hop(Transport.UDP, "127.0.0.1", 5060);
  final Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  long n;

  @Setup
  public void setup() throws SipParseException {
    wire = INVITE.getBytes(StandardCharsets.UTF_8);
    invite = (SipRequest) SipParser.parseDatagram(wire, 0, wire.length, SipLimits.DEFAULT);
    ack = (SipRequest) SipParser.parse(INVITE.substring(0, INVITE.indexOf("Allow:")).replaceFirst("^INVITE", "ACK")
        .replace("CSeq: 1 INVITE", "CSeq: 1 ACK").replace("z9hG4bK5f2a9c1e3d7b4a60", "z9hG4bKack0000000001")
        .replace("To: <sip:bob@ims.example.org>", "To: <sip:bob@ims.example.org>;tag=mb1") + "Content-Length: 0\r\n\r\n");
  }

  @Benchmark
  public SipMessage parseInvite() throws SipParseException {
    return SipParser.parseDatagram(wire, 0, wire.length, SipLimits.DEFAULT);
  }

  @Benchmark
  public byte[] encodeInvite() {
    return invite.encode();
  }

  /** What the proxy does to a request it forwards: Max-Forwards, Record-Route, its Via, identity. */
  @Benchmark
  public byte[] proxyRewriteAndEncode() {
    SipRequest r = invite.withHeader("Max-Forwards", "68").withHeaderFirst("Record-Route", "<sip:127.0.0.1:5060;transport=udp;lr>")
        .withHeaderFirst("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK0123456789abcdef;rport")
        .withoutHeader("P-Asserted-Identity").withHeader("P-Asserted-Identity", "<sip:alice@ims.example.org>");
    return r.encode();
  }

  /** One UAS INVITE transaction: INVITE (100 Trying at once), 200, ACK. */
  @Benchmark
  public int uasInviteTransaction() {
    TransactionLayer layer = new TransactionLayer(clock, TimerSettings.RFC3261, TransactionLayer.Role.USER_AGENT);
    List<Effect> e = layer.receive(invite, FROM);
    ServerTransaction tx = ((Effect.RequestArrived) e.get(1)).transaction();
    int out = e.size() + layer.respond(tx, SipResponse.to(invite, 200, null, "mb1")).size();
    return out + layer.receive(ack, FROM).size();
  }
}
