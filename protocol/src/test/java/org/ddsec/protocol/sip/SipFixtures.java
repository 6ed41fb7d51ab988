package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;

/** Requests and responses for tests. */
public final class SipFixtures {

  public static final Hop UDP_PEER = new Hop(Transport.UDP, "192.0.2.10", 5060);
  public static final Hop TLS_PEER = new Hop(Transport.TLS, "192.0.2.10", 40123);

  private SipFixtures() {}

  /** A request from alice to bob with the given method, branch and CSeq number. */
  public static SipRequest request(String method, String branch, long cseq, Transport transport) {
    List<HeaderField> h = new ArrayList<>();
    h.add(new HeaderField("Via", "SIP/2.0/" + transport + " 192.0.2.10:5060;branch=" + branch));
    h.add(new HeaderField("Max-Forwards", "70"));
    h.add(new HeaderField("From", "<sip:alice@ims.example.org>;tag=a1"));
    h.add(new HeaderField("To", "<sip:bob@ims.example.org>"));
    h.add(new HeaderField("Call-ID", "call-1@192.0.2.10"));
    h.add(new HeaderField("CSeq", cseq + " " + method));
    h.add(new HeaderField("Contact", "<sip:alice@192.0.2.10:5060>"));
    return SipRequest.create(method, SipUri.parse("sip:bob@ims.example.org"), h, Bytes.EMPTY);
  }

  public static SipRequest invite(String branch) {
    return request(SipRequest.INVITE, branch, 1, Transport.UDP);
  }

  /** The ACK for a 2xx: a new branch, same Call-ID, CSeq number and From tag, the To tag of the 2xx. */
  public static SipRequest ackFor2xx(SipRequest invite, SipResponse ok, String branch) {
    SipRequest r = request(SipRequest.ACK, branch, invite.cseq().number(), Transport.UDP);
    return r.withHeader("To", ok.to().toString());
  }
}
