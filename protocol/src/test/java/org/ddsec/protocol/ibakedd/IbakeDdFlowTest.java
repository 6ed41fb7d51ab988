package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed Fig. 27 (deferred delivery) and RFC 6267 §4.2.2 (live), end to end over the in-memory
 * network with key provisioning (RFC 6267 §4.2.1), in both profiles, for many users and messages.
 */
class IbakeDdFlowTest {

  static List<String> users(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("sip:user" + i + "@ims.example");
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void deferred_manyUsersAndMessages_recipientRecoversCallersKeys(IbakeMode mode) {
    List<String> users = users(4);
    IbakeDdWorld w = new IbakeDdWorld(users, mode, 42);
    Map<Bytes, IbakeCall> sent = new HashMap<>();
    for (int round = 0; round < 2; round++) {
      for (String a : users) {
        for (String b : users) {
          if (!a.equals(b)) {
            IbakeCall k = w.deposit(a, b).orElseThrow(() -> new AssertionError("deposit refused: " + w.refusals()));
            assertThat(k.deferred()).isTrue();
            assertThat(k.answeredBy()).isEqualTo(IbakeDdWorld.MAILBOX_ID);
            assertThat(k.idB()).isEqualTo(b);
            sent.put(k.msgId().orElseThrow(), k);
          }
        }
      }
    }
    assertThat(sent).hasSize(2 * 4 * 3);
    assertThat(w.mailboxStore().all()).hasSize(sent.size());
    assertThat(w.mailbox().pendingCount()).isZero();
    int got = 0;
    for (String b : users) {
      List<DeferredMessage> ms = w.retrieveAll(b);
      assertThat(ms).hasSize(2 * 3);
      for (DeferredMessage m : ms) {
        IbakeCall a = sent.get(m.msgId());
        assertThat(a.idB()).isEqualTo(b);
        assertThat(w.mailboxStore().get(m.msgId()).orElseThrow().message().idA()).isEqualTo(m.originator());
        assertThat(m.originatorVerified()).isEqualTo(mode == IbakeMode.DDSEC_SIGNED);
        assertThat(m.sk().constantTimeEquals(a.mediaKey())).isTrue();
        assertThat(m.srtp().tek().constantTimeEquals(a.srtp().tek())).isTrue();
        assertThat(m.srtp().salt().constantTimeEquals(a.srtp().salt())).isTrue();
        assertThat(m.srtp().tek().length()).isEqualTo(16);
        assertThat(m.srtp().salt().length()).isEqualTo(14);
        assertThat(m.ssrc()).isEqualTo(a.ssrc());
        got++;
      }
    }
    assertThat(got).isEqualTo(sent.size());
    assertThat(w.refusals()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void live_manyUsersAndCalls_bothEndsHoldTheSameKeys(IbakeMode mode) {
    List<String> users = users(4);
    IbakeDdWorld w = new IbakeDdWorld(users, mode, 43);
    int calls = 0;
    for (String a : users) {
      for (String b : users) {
        if (!a.equals(b)) {
          IbakeCall k = w.call(a, b).orElseThrow(() -> new AssertionError("call refused: " + w.refusals()));
          IbakeSession s = last(w.user(b).sessions());
          assertThat(k.deferred()).isFalse();
          assertThat(k.answeredBy()).isEqualTo(b);
          assertThat(k.msgId()).isEmpty();
          assertThat(s.idA()).isEqualTo(a);
          assertThat(s.csbId()).isEqualTo(k.csbId());
          assertThat(s.ssrc()).isEqualTo(k.ssrc());
          assertThat(s.tgk().constantTimeEquals(k.mediaKey())).isTrue();
          assertThat(s.srtp().tek().constantTimeEquals(k.srtp().tek())).isTrue();
          assertThat(s.srtp().salt().constantTimeEquals(k.srtp().salt())).isTrue();
          calls++;
        }
      }
    }
    assertThat(calls).isEqualTo(12);
    assertThat(w.mailboxStore().all()).isEmpty();
    assertThat(w.refusals()).isEmpty();
  }

  private static <T> T last(List<T> l) {
    return l.get(l.size() - 1);
  }
}
