package org.ddsec.cli.mikey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.Span;
import org.ddsec.mikey.payload.Payload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec mikey decode INPUT}: prints a MIKEY message's payload tree like a protocol
 * analyser, or with {@code --json} one JSON object: the HDR fields at the top, then {@code
 * payloads}, one object per payload in wire order with each field under its RFC name (camelCase;
 * code points as {@code x} and {@code xName}; key material as {@code {"hiddenLength": n}}).
 *
 * <p>A message the codec refuses prints the typed error (reason, field, offset, the MIKEY ERR
 * code a responder would send) and exits 1.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode a MIKEY message and print its payloads.",
      "INPUT: base64, hex, an SDP 'a=key-mgmt:mikey <base64>' line, or @file (text or raw binary)."
    })
public final class DecodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "The message (see above).")
  String input;

  @Option(names = "--json", description = "Print JSON instead of the tree.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes;
    try {
      bytes = MikeyInput.parse(input);
    } catch (MikeyInput.BadInputException e) {
      err.println("ddsec mikey decode: " + e.getMessage());
      return 2;
    }
    MikeyMessage m;
    try {
      m = MikeyCodec.decode(bytes);
    } catch (MikeyException e) {
      if (json) {
        out.println(errorJson(e));
      }
      err.println("ddsec mikey decode: refused: " + e.getMessage() + " [" + e.reason() + ", MIKEY ERR "
          + e.errorCode().code() + " " + e.errorCode().rfcName() + "]");
      return 1;
    }
    out.print(json ? toJson(m) + System.lineSeparator() : toTree(m));
    out.flush();
    return 0;
  }

  // ---- tree ---------------------------------------------------------------------------------

  static String toTree(MikeyMessage m) {
    StringBuilder sb = new StringBuilder();
    sb.append("MIKEY message: ").append(m.dataType().rfcName()).append(", ").append(m.encoded().length()).append(" bytes\n");
    Span hs = m.headerSpan();
    sb.append("Common Header (HDR)  [").append(hs.offset()).append("..").append(hs.end()).append(")\n");
    int next = m.payloads().isEmpty() ? 0 : m.payloads().get(0).type().code();
    line(sb, 1, "next payload", nameOf(next) + " (" + next + ")");
    fieldsTree(sb, 1, m.header().fields());
    for (int i = 0; i < m.payloads().size(); i++) {
      Payload p = m.payloads().get(i);
      Span s = m.span(i);
      sb.append(p.type().rfcName()).append("  [").append(s.offset()).append("..").append(s.end()).append(")\n");
      if (p.type() != PayloadType.SIGN) {
        int n = i + 1 < m.payloads().size() ? m.payloads().get(i + 1).type().code() : 0;
        line(sb, 1, "next payload", nameOf(n) + " (" + n + ")");
      }
      fieldsTree(sb, 1, p.fields());
    }
    return sb.toString();
  }

  private static String nameOf(int code) {
    PayloadType t = PayloadType.lookup(code);
    return t == null ? "?" : t.rfcName();
  }

  private static void line(StringBuilder sb, int depth, String label, String value) {
    sb.append("    ".repeat(depth)).append(label).append(": ").append(value).append('\n');
  }

  @SuppressWarnings("unchecked")
  private static void fieldsTree(StringBuilder sb, int depth, List<Field> fields) {
    for (Field f : fields) {
      Object v = f.value();
      if (v instanceof Field.Many many) {
        sb.append("    ".repeat(depth)).append(f.label()).append(": ").append(many.items().size()).append(" item(s)\n");
        int i = 0;
        for (List<Field> item : many.items()) {
          sb.append("    ".repeat(depth + 1)).append('[').append(i++).append("]\n");
          fieldsTree(sb, depth + 2, item);
        }
      } else if (v instanceof List<?> list) {
        sb.append("    ".repeat(depth)).append(f.label()).append(":\n");
        fieldsTree(sb, depth + 1, (List<Field>) list);
      } else {
        line(sb, depth, f.label(), render(v));
      }
    }
  }

  private static String render(Object v) {
    if (v instanceof Field.Code c) {
      return c.name() + " (" + c.code() + ")";
    }
    if (v instanceof Field.Hidden h) {
      return "<" + h.length() + " bytes of key material, not shown>";
    }
    if (v instanceof Bytes b) {
      return b.isEmpty() ? "(empty)" : b.hex();
    }
    if (v instanceof Boolean bool) {
      return bool ? "1" : "0";
    }
    return String.valueOf(v);
  }

  // ---- JSON ---------------------------------------------------------------------------------

  private static final JsonFactory JSON = new JsonFactory();

  static String toJson(MikeyMessage m) throws IOException {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(sw)) {
      g.writeStartObject();
      writeFields(g, m.header().fields());
      g.writeNumberField("length", m.encoded().length());
      g.writeArrayFieldStart("payloads");
      for (int i = 0; i < m.payloads().size(); i++) {
        Payload p = m.payloads().get(i);
        g.writeStartObject();
        g.writeStringField("type", p.type().rfcName());
        g.writeNumberField("typeCode", p.type().code());
        g.writeNumberField("offset", m.span(i).offset());
        g.writeNumberField("length", m.span(i).length());
        if (p.type() != PayloadType.SIGN) {
          int n = i + 1 < m.payloads().size() ? m.payloads().get(i + 1).type().code() : 0;
          g.writeNumberField("nextPayload", n);
          g.writeStringField("nextPayloadName", nameOf(n));
        }
        writeFields(g, p.fields());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return sw.toString();
  }

  @SuppressWarnings("unchecked")
  private static void writeFields(JsonGenerator g, List<Field> fields) throws IOException {
    for (Field f : fields) {
      Object v = f.value();
      if (v instanceof Field.Code c) {
        g.writeNumberField(f.key(), c.code());
        g.writeStringField(f.key() + "Name", c.name());
      } else if (v instanceof Field.Hidden h) {
        g.writeObjectFieldStart(f.key());
        g.writeNumberField("hiddenLength", h.length());
        g.writeEndObject();
      } else if (v instanceof Bytes b) {
        g.writeStringField(f.key(), b.hex());
      } else if (v instanceof Long l) {
        g.writeNumberField(f.key(), l);
      } else if (v instanceof Boolean b) {
        g.writeBooleanField(f.key(), b);
      } else if (v instanceof Field.Many many) {
        g.writeArrayFieldStart(f.key());
        for (List<Field> item : many.items()) {
          g.writeStartObject();
          writeFields(g, item);
          g.writeEndObject();
        }
        g.writeEndArray();
      } else if (v instanceof List<?> list) {
        g.writeObjectFieldStart(f.key());
        writeFields(g, (List<Field>) list);
        g.writeEndObject();
      } else {
        g.writeStringField(f.key(), String.valueOf(v));
      }
    }
  }

  static String errorJson(MikeyException e) throws IOException {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(sw)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("reason", e.reason().name());
      g.writeStringField("field", e.field());
      g.writeNumberField("offset", e.offset());
      g.writeNumberField("errNo", e.errorCode().code());
      g.writeStringField("errNoName", e.errorCode().rfcName());
      g.writeStringField("message", e.getMessage());
      g.writeEndObject();
      g.writeEndObject();
    }
    return sw.toString();
  }
}
