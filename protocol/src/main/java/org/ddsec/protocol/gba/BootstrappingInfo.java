package org.ddsec.protocol.gba;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.ddsec.core.Bytes;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The body of the BSF's 200 OK on Ub, media type {@value #MEDIA_TYPE} (3GPP TS 24.109 §4.4.5
 * and Annex C): the B-TID and the key lifetime (an {@code xs:dateTime}, UTC, whole seconds).
 *
 * <pre>
 * &lt;?xml version="1.0" encoding="UTF-8"?&gt;
 * &lt;BootstrappingInfo xmlns="uri:3gpp-gba"&gt;
 *   &lt;btid&gt;B-TID&lt;/btid&gt;
 *   &lt;lifetime&gt;2026-11-25T12:00:00Z&lt;/lifetime&gt;
 * &lt;/BootstrappingInfo&gt;
 * </pre>
 */
public record BootstrappingInfo(String bTid, Instant lifetime) {

  /** TS 24.109 Annex C / IANA: the media type of the bootstrapping information. */
  public static final String MEDIA_TYPE = "application/vnd.3gpp.bsf+xml";

  /** TS 24.109 Annex C.2: the XML namespace. */
  public static final String NAMESPACE = "uri:3gpp-gba";

  public BootstrappingInfo {
    Objects.requireNonNull(bTid, "bTid");
    lifetime = lifetime.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The XML document, UTF-8. */
  public Bytes encode() {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<BootstrappingInfo xmlns=\"" + NAMESPACE + "\">\n"
        + "  <btid>" + escape(bTid) + "</btid>\n"
        + "  <lifetime>" + lifetime + "</lifetime>\n"
        + "</BootstrappingInfo>\n";
    return Bytes.of(xml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses the document strictly: the root element and namespace of Annex C, exactly one
   * {@code btid} and one {@code lifetime}; no DTD (so no entity expansion).
   */
  public static BootstrappingInfo decode(Bytes xml) throws DigestException {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      root = b.parse(new ByteArrayInputStream(xml.toByteArray())).getDocumentElement();
    } catch (ParserConfigurationException e) {
      throw new AssertionError("the JDK's XML parser supports these features", e);
    } catch (SAXException | java.io.IOException e) {
      throw new DigestException("BootstrappingInfo: not well-formed XML (" + e.getMessage() + ")");
    }
    if (!"BootstrappingInfo".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
      throw new DigestException("BootstrappingInfo: root element {" + root.getNamespaceURI() + "}" + root.getLocalName()
          + " (expected: {" + NAMESPACE + "}BootstrappingInfo)");
    }
    String btid = null;
    String lifetime = null;
    for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() != Node.ELEMENT_NODE) {
        continue;
      }
      String name = c.getLocalName();
      if ("btid".equals(name)) {
        if (btid != null) {
          throw new DigestException("BootstrappingInfo: btid appears twice (expected: once)");
        }
        btid = c.getTextContent().strip();
      } else if ("lifetime".equals(name)) {
        if (lifetime != null) {
          throw new DigestException("BootstrappingInfo: lifetime appears twice (expected: once)");
        }
        lifetime = c.getTextContent().strip();
      }
    }
    if (btid == null || btid.isEmpty() || lifetime == null) {
      throw new DigestException("BootstrappingInfo: btid and lifetime (expected: both present)");
    }
    try {
      return new BootstrappingInfo(btid, Instant.parse(lifetime));
    } catch (DateTimeParseException e) {
      throw new DigestException("BootstrappingInfo lifetime: " + DigestParams.printable(lifetime) + " (expected: xs:dateTime in UTC)");
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
