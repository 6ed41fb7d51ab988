package org.ddsec.protocol.sip;

import java.util.Map;

/** Standard reason phrases (RFC 3261 §21 and the extensions ddsec uses). */
public final class SipStatus {

  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(181, "Call Is Being Forwarded"), Map.entry(183, "Session Progress"),
      Map.entry(200, "OK"), Map.entry(202, "Accepted"), Map.entry(302, "Moved Temporarily"), Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"), Map.entry(413, "Request Entity Too Large"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(416, "Unsupported URI Scheme"), Map.entry(420, "Bad Extension"), Map.entry(423, "Interval Too Brief"),
      Map.entry(480, "Temporarily Unavailable"), Map.entry(481, "Call/Transaction Does Not Exist"), Map.entry(482, "Loop Detected"),
      Map.entry(483, "Too Many Hops"), Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"),
      Map.entry(488, "Not Acceptable Here"), Map.entry(500, "Server Internal Error"), Map.entry(501, "Not Implemented"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Server Time-out"), Map.entry(505, "Version Not Supported"),
      Map.entry(513, "Message Too Large"), Map.entry(603, "Decline"));

  private SipStatus() {}

  /** The phrase for {@code status}, or a generic one for its class. */
  public static String reasonPhrase(int status) {
    String p = PHRASES.get(status);
    if (p != null) {
      return p;
    }
    return switch (status / 100) {
      case 1 -> "Progress";
      case 2 -> "Success";
      case 3 -> "Redirection";
      case 4 -> "Client Error";
      case 5 -> "Server Error";
      default -> "Global Failure";
    };
  }
}
