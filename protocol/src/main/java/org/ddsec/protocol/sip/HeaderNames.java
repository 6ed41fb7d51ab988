package org.ddsec.protocol.sip;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header field names: the canonical spelling of the headers ddsec knows, the compact forms of
 * RFC 3261 §7.3.3 (and later RFCs' registrations), and which headers are comma-separated lists
 * that the model keeps as one field per value.
 */
public final class HeaderNames {

  public static final String VIA = "Via";
  public static final String FROM = "From";
  public static final String TO = "To";
  public static final String CALL_ID = "Call-ID";
  public static final String CSEQ = "CSeq";
  public static final String MAX_FORWARDS = "Max-Forwards";
  public static final String CONTACT = "Contact";
  public static final String CONTENT_LENGTH = "Content-Length";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String ROUTE = "Route";
  public static final String RECORD_ROUTE = "Record-Route";
  public static final String EXPIRES = "Expires";
  public static final String MIN_EXPIRES = "Min-Expires";
  public static final String DATE = "Date";
  public static final String WARNING = "Warning";
  public static final String RETRY_AFTER = "Retry-After";
  public static final String ALLOW = "Allow";
  public static final String SUPPORTED = "Supported";
  public static final String REQUIRE = "Require";
  public static final String PROXY_REQUIRE = "Proxy-Require";
  public static final String UNSUPPORTED = "Unsupported";
  public static final String USER_AGENT = "User-Agent";
  public static final String SERVER = "Server";
  public static final String REASON = "Reason";
  /** RFC 3325 §9.1. */
  public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
  /** RFC 3325 §9.2. */
  public static final String P_PREFERRED_IDENTITY = "P-Preferred-Identity";
  /** RFC 7044 §5. */
  public static final String HISTORY_INFO = "History-Info";
  public static final String PRIVACY = "Privacy";
  public static final String TIMESTAMP = "Timestamp";
  /** RFC 3262 §7.1: the sequence number of a reliable provisional response. */
  public static final String RSEQ = "RSeq";
  /** RFC 3262 §7.2: what a PRACK acknowledges. */
  public static final String RACK = "RAck";

  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Map<String, String> COMPACT = Map.ofEntries(
      Map.entry("i", CALL_ID), Map.entry("m", CONTACT), Map.entry("e", "Content-Encoding"), Map.entry("l", CONTENT_LENGTH),
      Map.entry("c", CONTENT_TYPE), Map.entry("f", FROM), Map.entry("s", "Subject"), Map.entry("k", SUPPORTED), Map.entry("t", TO),
      Map.entry("v", VIA), Map.entry("o", "Event"), Map.entry("r", "Refer-To"), Map.entry("b", "Referred-By"),
      Map.entry("u", "Allow-Events"), Map.entry("x", "Session-Expires"), Map.entry("y", "Identity"), Map.entry("a", "Accept-Contact"),
      Map.entry("j", "Reject-Contact"), Map.entry("d", "Request-Disposition"));

  /** Headers that may appear at most once (RFC 4475 §3.3.8, §3.3.9). */
  static final Set<String> SINGLE = Set.of(CALL_ID, CSEQ, FROM, TO, MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE, EXPIRES, MIN_EXPIRES,
      DATE, RETRY_AFTER, RSEQ, RACK);

  /** Comma-separated list headers that the model splits into one field per value. */
  static final Set<String> SPLIT_LISTS = Set.of(VIA, CONTACT, ROUTE, RECORD_ROUTE, P_ASSERTED_IDENTITY, HISTORY_INFO);

  static {
    for (String n : new String[] {VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTACT, CONTENT_LENGTH, CONTENT_TYPE, ROUTE,
        RECORD_ROUTE, EXPIRES, MIN_EXPIRES, DATE, WARNING, RETRY_AFTER, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED,
        USER_AGENT, SERVER, REASON, P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, HISTORY_INFO, PRIVACY, TIMESTAMP, RSEQ, RACK, "Accept",
        "Accept-Encoding", "Accept-Language", "Alert-Info", "Authentication-Info", "Authorization", "Call-Info", "Content-Disposition",
        "Content-Encoding", "Content-Language", "Error-Info", "In-Reply-To", "MIME-Version", "Organization", "Priority",
        "Proxy-Authenticate", "Proxy-Authorization", "Reply-To", "Subject", "WWW-Authenticate", "Event", "Refer-To", "Referred-By",
        "Allow-Events", "Session-Expires", "Identity", "Accept-Contact", "Reject-Contact", "Request-Disposition", "Path",
        "Service-Route", "P-Access-Network-Info", "P-Visited-Network-ID", "P-Charging-Vector", "Security-Client", "Security-Server",
        "Security-Verify"}) {
      CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
    }
  }

  private HeaderNames() {}

  /** The canonical spelling of {@code name}: compact forms expanded, known names normalised, others unchanged. */
  public static String canonical(String name) {
    if (name.length() == 1) {
      String full = COMPACT.get(name.toLowerCase(Locale.ROOT));
      if (full != null) {
        return full;
      }
    }
    String c = CANONICAL.get(name.toLowerCase(Locale.ROOT));
    return c != null ? c : name;
  }
}
