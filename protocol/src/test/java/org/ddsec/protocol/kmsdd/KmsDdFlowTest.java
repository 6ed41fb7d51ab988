package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed Fig. 17+18 (e2m off) and Fig. 19+18 (e2m on), end to end over the in-memory network. */
class KmsDdFlowTest {

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void manyUsersAndMessages_recipientRecoversCallersKeys(boolean e2m) {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      users.add("sip:user" + i + "@ims.example");
    }
    KmsDdWorld w = new KmsDdWorld(users, e2m, 42);
    Map<Bytes, CallKeys> sent = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (String a : users) {
        for (String b : users) {
          if (!a.equals(b)) {
            CallKeys k = w.deposit(a, b).orElseThrow(() -> new AssertionError("deposit refused: " + w.refusals()));
            assertThat(k.answeredBy()).isEqualTo(KmsDdWorld.MAILBOX_ID);
            assertThat(k.ke2m().isPresent()).isEqualTo(e2m);
            sent.put(k.msgId(), k);
          }
        }
      }
    }
    assertThat(sent).hasSize(3 * 6 * 5);
    int got = 0;
    for (String b : users) {
      List<RetrievedKeys> rs = w.retrieveAll(b);
      assertThat(rs).hasSize(3 * 5);
      for (RetrievedKeys r : rs) {
        CallKeys a = sent.get(r.deposit().msgId());
        assertThat(a.idB()).isEqualTo(b);
        assertThat(r.originator()).isEqualTo(r.deposit().idA());
        assertThat(r.k().constantTimeEquals(a.k())).isTrue();
        assertThat(r.srtp().tek().constantTimeEquals(a.srtp().tek())).isTrue();
        assertThat(r.srtp().salt().constantTimeEquals(a.srtp().salt())).isTrue();
        assertThat(r.ssrc()).isEqualTo(a.ssrc());
        got++;
      }
    }
    assertThat(got).isEqualTo(sent.size());
    assertThat(w.refusals()).isEmpty();
  }
}
