package org.ddsec.cli.mikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.ddsec.cli.CliRun;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

  // RFC 4567 §5.1, Bob's answer (HDR, T, ID, V), copied from the RFC.
  static final String ANSWER_B64 =
      "AQEFgM0XflABAAAAAAAAAAAAAAYAyONQ6gAAAAAJAAAQbWlja2V5QG1vdXNlLmNvbQABn8HdGE5BMDXFIuGEga+62AgY5cc=";
  static final byte[] ANSWER = Base64.getDecoder().decode(ANSWER_B64);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void json_hasHeaderFieldsAndOneObjectPerPayloadInWireOrder() throws Exception {
    CliRun r = CliRun.of("mikey", "decode", "--json", ANSWER_B64);
    assertThat(r.exitCode()).isZero();
    JsonNode n = JSON.readTree(r.out());
    assertThat(n.get("version").asInt()).isEqualTo(1);
    assertThat(n.get("dataType").asInt()).isEqualTo(1);
    assertThat(n.get("dataTypeName").asText()).isEqualTo("PSK ver msg");
    assertThat(n.get("csbId").asText()).isEqualTo("cd177e50");
    assertThat(n.get("prfFuncName").asText()).isEqualTo("MIKEY-1");
    JsonNode p = n.get("payloads");
    assertThat(p).hasSize(3);
    assertThat(p.get(0).get("type").asText()).isEqualTo("T");
    assertThat(p.get(0).get("tsTypeName").asText()).isEqualTo("NTP-UTC");
    assertThat(p.get(0).get("tsValue").asText()).isEqualTo("c8e350ea00000000");
    assertThat(p.get(1).get("type").asText()).isEqualTo("ID");
    assertThat(p.get(1).get("idTypeName").asText()).isEqualTo("NAI");
    assertThat(p.get(1).get("idText").asText()).isEqualTo("mickey@mouse.com");
    assertThat(p.get(2).get("type").asText()).isEqualTo("V");
    assertThat(p.get(2).get("authAlgName").asText()).isEqualTo("HMAC-SHA-1-160");
    assertThat(p.get(2).get("verData").asText()).isEqualTo("9fc1dd184e413035c522e18481afbad80818e5c7");
    assertThat(p.get(2).get("nextPayload").asInt()).isZero();
  }

  @Test
  void tree_showsEveryPayloadWithOffsets() {
    CliRun r = CliRun.of("mikey", "decode", ANSWER_B64);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("MIKEY message: PSK ver msg, 71 bytes")
        .contains("Common Header (HDR)  [0..19)")
        .contains("T  [19..29)")
        .contains("ID text: mickey@mouse.com")
        .contains("Auth alg: HMAC-SHA-1-160 (1)");
  }

  @Test
  void inputForms_hexSdpLineAndFiles_decodeAlike(@TempDir Path dir) throws Exception {
    String expected = CliRun.of("mikey", "decode", "--json", ANSWER_B64).out();
    assertThat(CliRun.of("mikey", "decode", "--json", Hex.encode(ANSWER)).out()).isEqualTo(expected);
    assertThat(CliRun.of("mikey", "decode", "--json", "a=key-mgmt:mikey " + ANSWER_B64).out()).isEqualTo(expected);
    Path sdp = dir.resolve("offer.sdp");
    Files.writeString(sdp, "v=0\r\no=bob 1 1 IN IP4 h\r\na=key-mgmt:mikey " + ANSWER_B64 + "\r\nm=audio 4 RTP/SAVP 0\r\n");
    assertThat(CliRun.of("mikey", "decode", "--json", "@" + sdp).out()).isEqualTo(expected);
    Path bin = dir.resolve("msg.bin");
    Files.write(bin, ANSWER);
    assertThat(CliRun.of("mikey", "decode", "--json", "@" + bin).out()).isEqualTo(expected);
  }

  @Test
  void truncatedMessage_exit1_withTypedError() throws Exception {
    byte[] cut = java.util.Arrays.copyOf(ANSWER, ANSWER.length - 1);
    CliRun r = CliRun.of("mikey", "decode", "--json", Base64.getEncoder().encodeToString(cut));
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode e = JSON.readTree(r.out()).get("error");
    assertThat(e.get("reason").asText()).isEqualTo("TRUNCATED");
    assertThat(e.get("field").asText()).isEqualTo("Ver data");
    assertThat(e.get("errNo").asInt()).isEqualTo(12);
    assertThat(r.err()).contains("refused: Ver data: 20 bytes needed (expected: ≤ 19 remaining)");
  }

  @Test
  void garbageInput_exit2() {
    CliRun r = CliRun.of("mikey", "decode", "not base64 at all!");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not base64 or hex");
    assertThat(CliRun.of("mikey", "decode", "a=key-mgmt:kmsp abc").err()).contains("(expected: mikey)");
  }
}
