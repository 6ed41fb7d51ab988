package org.ddsec.mikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PayloadChain.Scope;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer. The surefire configuration of this module
 * sets JAZZER_FUZZ=1, so in the default test run this fuzzes for a bounded minute (seeded with
 * the interop messages in {@code MikeyDecoderFuzzTestInputs/}); any exception other than
 * {@link MikeyException}, and any accepted input that does not re-encode to the same bytes, is a
 * finding that fails the build. Without JAZZER_FUZZ it replays the seeds as a regression test.
 */
class MikeyDecoderFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decode_acceptsOnlyCanonicalMessages_andFailsOnlyTyped(byte[] data) {
    MikeyMessage m;
    try {
      m = MikeyCodec.decode(data);
    } catch (MikeyException expected) {
      assertThat(expected.field()).isNotEmpty();
      return;
    }
    // Accepted: the message must be exactly what our encoder produces for it.
    assertThat(MikeyCodec.encode(m.header(), m.payloads()).encoded()).isEqualTo(Bytes.of(data));
    m.header().fields();
    for (Payload p : m.payloads()) {
      p.fields();
    }
    m.authenticatorField().ifPresent(s -> m.authenticatedBytes());
    // The same bytes as a KEMAC plaintext exercise the sub-payload scopes.
    try {
      MikeyCodec.decodeSubPayloads(data, PayloadType.KEY_DATA, Scope.KEMAC);
    } catch (MikeyException ignored) {
      // typed refusal is fine
    }
  }
}
