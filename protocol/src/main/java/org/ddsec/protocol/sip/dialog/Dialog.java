package org.ddsec.protocol.sip.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.CSeq;
import org.ddsec.protocol.sip.HeaderField;
import org.ddsec.protocol.sip.HeaderNames;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Uri;
import org.ddsec.protocol.sip.Via;

/**
 * The state of one INVITE dialog (RFC 3261 §12): its id (Call-ID, local and remote tag), the
 * parties, the remote target, the route set and the CSeq counters. Immutable; {@link
 * #nextRequest} returns the request and the dialog with the advanced local CSeq.
 *
 * @param localSeq the CSeq number of the last request this side sent in the dialog
 * @param remoteSeq the CSeq number of the last request the peer sent, or {@code -1}
 */
public record Dialog(String callId, String localTag, String remoteTag, NameAddress local, NameAddress remote, Uri remoteTarget,
    List<NameAddress> routeSet, long localSeq, long remoteSeq) {

  public Dialog {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(localTag, "localTag");
    Objects.requireNonNull(remoteTag, "remoteTag");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(remoteTarget, "remoteTarget");
    routeSet = List.copyOf(routeSet);
  }

  /**
   * The dialog a UAC holds after a 2xx (or 1xx with a To tag) to {@code invite} (RFC 3261
   * §12.1.2): route set = Record-Route of the response in reverse, remote target = its Contact.
   *
   * @throws IllegalArgumentException if the response has no To tag or no Contact
   */
  public static Dialog asUac(SipRequest invite, SipResponse response) {
    String remoteTag = response.to().tag().orElseThrow(() -> new IllegalArgumentException("response without To tag"));
    if (response.contacts().isEmpty()) {
      throw new IllegalArgumentException("dialog-creating response without Contact (RFC 3261 §12.1.1)");
    }
    List<NameAddress> rs = new ArrayList<>(response.recordRoutes());
    java.util.Collections.reverse(rs);
    return new Dialog(invite.callId(), invite.from().tag().orElseThrow(() -> new IllegalArgumentException("INVITE without From tag")),
        remoteTag, invite.from().withoutParam("tag"), response.to().withoutParam("tag"), response.contacts().get(0).uri(), rs,
        invite.cseq().number(), -1);
  }

  /**
   * The dialog a UAS holds when it answers {@code invite} with To tag {@code localTag} (RFC 3261
   * §12.1.1): route set = the request's Record-Route in order, remote target = its Contact.
   *
   * @throws IllegalArgumentException if the INVITE has no From tag or no Contact
   */
  public static Dialog asUas(SipRequest invite, String localTag, long initialLocalSeq) {
    if (invite.contacts().isEmpty()) {
      throw new IllegalArgumentException("INVITE without Contact (RFC 3261 §8.1.1.8)");
    }
    return new Dialog(invite.callId(), localTag, invite.from().tag().orElseThrow(() -> new IllegalArgumentException("INVITE without From tag")),
        invite.to().withoutParam("tag"), invite.from().withoutParam("tag"), invite.contacts().get(0).uri(), invite.recordRoutes(),
        initialLocalSeq, invite.cseq().number());
  }

  /** Whether {@code r} is a request of this dialog as the peer sends it (Call-ID, its From tag = our remote tag, its To tag = ours). */
  public boolean matches(SipRequest r) {
    return r.callId().equals(callId) && r.from().tag().map(remoteTag::equals).orElse(false) && r.to().tag().map(localTag::equals).orElse(false);
  }

  /** The request and the dialog after it: CSeq advanced by one (RFC 3261 §12.2.1.1). */
  public Next nextRequest(String method, Via via, String contact) {
    long n = localSeq + 1;
    return new Next(request(method, n, via, contact), new Dialog(callId, localTag, remoteTag, local, remote, remoteTarget, routeSet, n, remoteSeq));
  }

  /** A request and the dialog that results from sending it. */
  public record Next(SipRequest request, Dialog dialog) {}

  /**
   * The ACK for the 2xx to the INVITE with CSeq {@code inviteSeq} (RFC 3261 §13.2.2.4): in-dialog,
   * same CSeq number, method ACK, its own branch.
   */
  public SipRequest ack(long inviteSeq, Via via) {
    return request(SipRequest.ACK, inviteSeq, via, null);
  }

  /**
   * The dialog with our last CSeq {@code seq}: a UAC carries the CSeq of requests sent in the
   * early dialog (a PRACK, RFC 3262) into the dialog its 2xx confirms, so later requests keep
   * increasing (RFC 3261 §12.2.1.1).
   */
  public Dialog withLocalSeq(long seq) {
    return new Dialog(callId, localTag, remoteTag, local, remote, remoteTarget, routeSet, seq, remoteSeq);
  }

  /** The dialog with the peer's CSeq {@code seq} recorded. */
  public Dialog withRemoteSeq(long seq) {
    return new Dialog(callId, localTag, remoteTag, local, remote, remoteTarget, routeSet, localSeq, seq);
  }

  /**
   * An in-dialog request (RFC 3261 §12.2.1.1): with a loose-routing first route, Request-URI =
   * remote target and Route = route set; with a strict router, Request-URI = the first route and
   * the remote target goes last in Route.
   */
  public SipRequest request(String method, long cseq, Via via, String contact) {
    Uri ruri;
    List<NameAddress> routes = new ArrayList<>(routeSet);
    if (routes.isEmpty() || routes.get(0).sipUri().map(SipUri::looseRouting).orElse(true)) {
      ruri = remoteTarget;
    } else {
      ruri = routes.remove(0).sipUri().orElseThrow().withoutHeaders();
      routes.add(new NameAddress(remoteTarget));
    }
    List<HeaderField> h = new ArrayList<>(8 + routes.size());
    h.add(new HeaderField(HeaderNames.VIA, via.toString()));
    h.add(new HeaderField(HeaderNames.MAX_FORWARDS, "70"));
    for (NameAddress r : routes) {
      h.add(new HeaderField(HeaderNames.ROUTE, r.toString()));
    }
    h.add(new HeaderField(HeaderNames.FROM, local.withTag(localTag).toString()));
    h.add(new HeaderField(HeaderNames.TO, remote.withTag(remoteTag).toString()));
    h.add(new HeaderField(HeaderNames.CALL_ID, callId));
    h.add(new HeaderField(HeaderNames.CSEQ, new CSeq(cseq, method).toString()));
    if (contact != null) {
      h.add(new HeaderField(HeaderNames.CONTACT, contact));
    }
    return SipRequest.create(method, ruri, h, Bytes.EMPTY);
  }
}
