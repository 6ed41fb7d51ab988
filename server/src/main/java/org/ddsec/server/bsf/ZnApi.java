package org.ddsec.server.bsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookupException;

/**
 * The Zn API of ddsec's BSF (documented in docs/gba.md): one resource over mutually
 * authenticated HTTPS, modelled on the Diameter Zn answer of TS 29.109 §6.1 (Key-ExpiryTime,
 * GBA-UserSecSettings' IMPUs, ME-Key-Material = Ks_NAF).
 *
 * <pre>
 * GET /zn/v1/naf-keys?btid=B-TID[&amp;naf-fqdn=FQDN][&amp;ua-id=HEX10]
 * 200 application/json  {"btid","impi","impus":[…],"nafFqdn","uaSecurityProtocolId","gbaType":"GBA_ME",
 *                        "ksNaf": base64(32 octets),"keyExpiryTime": RFC 3339 UTC}
 * 4xx application/json  {"error": UNKNOWN_BTID (404) | EXPIRED (410) | NAF_NOT_AUTHORISED (403) | BAD_REQUEST (400),
 *                        "message": one line}
 * </pre>
 */
public final class ZnApi {

  /** The resource path. */
  public static final String PATH = "/zn/v1/naf-keys";
  public static final String JSON = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ZnApi() {}

  /** HTTP status of a refusal reason. */
  public static int status(NafKeyLookupException.Reason r) {
    return switch (r) {
      case UNKNOWN_BTID -> 404;
      case EXPIRED -> 410;
      case NAF_NOT_AUTHORISED -> 403;
      case UNAVAILABLE -> 503;
    };
  }

  /** The 200 body. The key is base64 in the JSON text (a String cannot be wiped: best effort). */
  public static byte[] encode(NafKey k, NafId nafId) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("btid", k.bTid());
    o.put("impi", k.impi());
    ArrayNode a = o.putArray("impus");
    for (String u : new TreeSet<>(k.impus())) {
      a.add(u);
    }
    o.put("nafFqdn", nafId.fqdn());
    o.put("uaSecurityProtocolId", hex(nafId.uaProtocolId()));
    o.put("gbaType", "GBA_ME");
    byte[] key = k.ksNaf().unsafeBytes();
    try {
      o.put("ksNaf", Base64.getEncoder().encodeToString(key));
    } finally {
      SecretBytes.wipe(key);
    }
    o.put("keyExpiryTime", k.expiresAt().toString());
    return write(o);
  }

  /** An error body. */
  public static byte[] error(String code, String message) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("error", code);
    o.put("message", message);
    return write(o);
  }

  /** Parses a 200 body; checks that it answers {@code bTid} for {@code nafId}. */
  public static NafKey decode(byte[] body, String bTid, NafId nafId) throws NafKeyLookupException {
    try {
      JsonNode o = MAPPER.readTree(body);
      String btid = text(o, "btid");
      if (!btid.equals(bTid)) {
        throw bad("btid differs from the request's");
      }
      if (!text(o, "nafFqdn").equals(nafId.fqdn()) || !text(o, "uaSecurityProtocolId").equals(hex(nafId.uaProtocolId()))) {
        throw bad("NAF_Id differs from the request's");
      }
      Set<String> impus = new HashSet<>();
      JsonNode a = o.get("impus");
      if (a == null || !a.isArray()) {
        throw bad("impus: missing");
      }
      a.forEach(n -> impus.add(n.asText()));
      byte[] key = Base64.getDecoder().decode(text(o, "ksNaf"));
      if (key.length != 32) {
        SecretBytes.wipe(key);
        throw bad("ksNaf: " + key.length + " bytes (expected: 32)");
      }
      return new NafKey(btid, text(o, "impi"), impus, SecretBytes.wrap(key), Instant.parse(text(o, "keyExpiryTime")));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw bad("not a Zn answer (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The error code of a 4xx body, or null. */
  public static String errorMessage(byte[] body) {
    try {
      JsonNode o = MAPPER.readTree(body);
      return o.path("message").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  static String hex(byte[] b) {
    return org.ddsec.core.Bytes.of(b).hex();
  }

  private static String text(JsonNode o, String field) throws NafKeyLookupException {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw bad(field + ": missing");
    }
    return n.asText();
  }

  private static NafKeyLookupException bad(String what) {
    return new NafKeyLookupException(NafKeyLookupException.Reason.UNAVAILABLE, "Zn answer: " + what);
  }

  private static byte[] write(ObjectNode o) {
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new AssertionError("a tree of strings serialises", e);
    }
  }
}
