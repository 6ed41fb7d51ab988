package org.ddsec.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.trace.Ladder;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.protocol.trace.TraceEvent;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipTraceEvent;

/**
 * Collects what the demo's parties report — the KMS-DD roles' trace events (MIKEY messages and
 * checks), every SIP message the SIP stacks send, the UEs' HTTP steps — in the order they
 * happen, and renders them as one ladder numbered like the seed's figures.
 *
 * <p>SIP messages get their figure step from what they are: the caller's INVITE is step 2b, the
 * IMS core's forwarded INVITE step 3, the mailbox's 200 OK step 7, the IMS core's step 8 (17 or
 * 19); messages the figures leave out (REGISTER, 100 Trying, ACK, BYE) are marked "·". A role's
 * event for the same step (the MIKEY payloads of that INVITE or 200 OK) is folded into the SIP
 * message's summary.
 *
 * <p>For IBAKE-DD (seed Fig. 27) the four MIKEY-IBAKE messages ride INVITE (steps 1, 2), the
 * reliable 183 (3, 4), the PRACK (5, 6) and its 200 OK (7, 8); the final 200 OK to the INVITE
 * carries no key management and is marked "·".
 */
final class DemoLadder implements Trace, SipObserver {

  private final List<Object> events = new ArrayList<>();
  private final Map<String, String> stacks;
  private final String fig;

  /**
   * @param stacks SIP stack name → ladder party (e.g. {@code alice} → {@code sip:alice@ims.example})
   * @param fig the deposit's figure, "17", "19" or "27"
   */
  DemoLadder(Map<String, String> stacks, String fig) {
    this.stacks = Map.copyOf(stacks);
    this.fig = fig;
  }

  @Override
  public synchronized void record(TraceEvent event) {
    events.add(event);
  }

  @Override
  public synchronized void onMessage(SipTraceEvent e) {
    events.add(e);
  }

  @Override
  public void onRefused(String stack, org.ddsec.protocol.sip.Transport transport, String remote, String reason, int answered) {
    record(new TraceEvent("!", party(stack), party(stack), "SIP input refused", reason + (answered > 0 ? " (answered " + answered + ")" : "")));
  }

  /** How many SIP messages were sent (each counted once, by its sender). */
  synchronized long sipMessages() {
    return events.stream().filter(o -> o instanceof SipTraceEvent s && s.direction() == SipTraceEvent.Direction.SENT).count();
  }

  synchronized String render(List<String> parties) {
    List<Object> all = new ArrayList<>(events);
    List<TraceEvent> out = new ArrayList<>();
    List<TraceEvent> roleEvents = new ArrayList<>();
    for (Object o : all) {
      if (o instanceof TraceEvent t) {
        roleEvents.add(t);
      }
    }
    List<TraceEvent> folded = new ArrayList<>();
    for (Object o : all) {
      if (o instanceof SipTraceEvent s) {
        if (s.direction() != SipTraceEvent.Direction.SENT) {
          continue;
        }
        String from = party(s.stack());
        String to = receiver(all, s).orElse(from);
        String step = step(s);
        String summary = s.label() + "  " + s.transport() + "  Call-ID " + shortId(s.callId()) + (s.bodySummary().isEmpty() ? "" : "\n" + s.bodySummary());
        Optional<TraceEvent> role = roleEvents.stream()
            .filter(r -> r.step().equals(step) && !folded.contains(r) && !r.isLocal() && carriedBySip(r))
            .findFirst();
        if (role.isPresent()) {
          folded.add(role.get());
          summary += "\n" + role.get().summary();
        }
        out.add(new TraceEvent(step, from, to, "SIP " + s.label(), summary));
      } else if (o instanceof TraceEvent t) {
        if (folded.contains(t) || t.message().startsWith("TRANSFER_") || carriedBySip(t) && !t.isLocal()) {
          continue; // shown with its SIP message
        }
        String message = switch (t.message()) {
          case "RESOLVE_INIT_PSK" -> "HTTPS POST /kms/v1/mikey: RESOLVE_INIT_PSK";
          case "RESOLVE_RESP" -> "HTTPS 200 application/mikey: RESOLVE_RESP";
          case "inbox request" -> "HTTPS GET inbox (GBA Digest, TS 33.222)";
          default -> t.message();
        };
        out.add(new TraceEvent(t.step(), t.from(), t.to(), message, t.summary()));
      }
    }
    List<TraceEvent> known = out.stream().filter(e -> parties.contains(e.from()) && parties.contains(e.to())).toList();
    return Ladder.render(parties, known);
  }

  /** A role's event for a MIKEY message that travels in SIP (shown with that SIP message). */
  private static boolean carriedBySip(TraceEvent t) {
    String m = t.message();
    return m.startsWith("TRANSFER_") || m.startsWith("I_MESSAGE_") || m.startsWith("R_MESSAGE_");
  }

  private String step(SipTraceEvent s) {
    String m = s.method().orElse(null);
    String c = s.cseqMethod();
    if ("REGISTER".equals(c)) {
      return "reg";
    }
    if (fig.equals("27")) {
      boolean core = s.stack().equals("ims-core");
      int status = s.status().orElse(0);
      if ("INVITE".equals(m)) {
        return core ? "27.2" : "27.1";
      }
      if (m == null && "INVITE".equals(c) && status == 183) {
        return core ? "27.4" : "27.3";
      }
      if ("PRACK".equals(m)) {
        return core ? "27.6" : "27.5";
      }
      if (m == null && "PRACK".equals(c) && status == 200) {
        return core ? "27.8" : "27.7";
      }
      return "·";
    }
    if ("INVITE".equals(m)) {
      return s.stack().equals("ims-core") ? fig + ".3" : fig + ".2b";
    }
    if (m == null && "INVITE".equals(c) && s.status().orElse(0) == 200) {
      return s.stack().equals("mailbox") ? fig + ".7" : fig + ".8";
    }
    return "·";
  }

  /** The stack that received the very message {@code sent}. */
  private Optional<String> receiver(List<Object> all, SipTraceEvent sent) {
    for (Object o : all) {
      if (o instanceof SipTraceEvent r && r.direction() == SipTraceEvent.Direction.RECEIVED && !r.stack().equals(sent.stack())
          && r.local().equals(sent.remote()) && sameFirstLine(r, sent) && r.callId().equals(sent.callId())
          && r.cseqMethod().equals(sent.cseqMethod())) {
        return Optional.of(party(r.stack()));
      }
    }
    for (Object o : all) {
      if (o instanceof SipTraceEvent r && r.direction() == SipTraceEvent.Direction.RECEIVED && !r.stack().equals(sent.stack())
          && sameFirstLine(r, sent) && r.callId().equals(sent.callId()) && r.cseqMethod().equals(sent.cseqMethod())) {
        return Optional.of(party(r.stack()));
      }
    }
    return Optional.empty();
  }

  private static boolean sameFirstLine(SipTraceEvent a, SipTraceEvent b) {
    if (a.message() instanceof SipRequest ra && b.message() instanceof SipRequest rb) {
      return ra.method().equals(rb.method());
    }
    return a.label().equals(b.label());
  }

  private String party(String stack) {
    return stacks.getOrDefault(stack, stack);
  }

  private static String shortId(String callId) {
    return callId.length() > 12 ? callId.substring(0, 12) + "…" : callId;
  }
}
