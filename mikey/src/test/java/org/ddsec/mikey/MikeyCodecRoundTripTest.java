package org.ddsec.mikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.payload.BaseTicket;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Property: encode ∘ decode is the identity on bytes and on decoded fields, for every payload type. */
class MikeyCodecRoundTripTest {

  private static List<?> describe(MikeyMessage m) {
    List<Object> d = new ArrayList<>(m.header().fields());
    for (Payload p : m.payloads()) {
      d.add(p.type());
      d.addAll(p.fields());
    }
    return d;
  }

  @Test
  void randomMessages_decodeThenEncode_reproducesBytesAndFields() {
    Property.forAll(500, r -> {
      MikeyMessage m = Gen.message(r);
      MikeyMessage decoded = decode(m.encoded());
      assertThat(decoded.encoded()).isEqualTo(m.encoded());
      assertThat(describe(decoded)).isEqualTo(describe(m));
      MikeyMessage reencoded = MikeyCodec.encode(decoded.header(), decoded.payloads());
      assertThat(reencoded.encoded()).isEqualTo(m.encoded());
      // spans tile the message exactly
      int at = m.headerSpan().end();
      for (int i = 0; i < m.payloads().size(); i++) {
        assertThat(m.span(i).offset()).isEqualTo(at);
        at = m.span(i).end();
      }
      assertThat(at).isEqualTo(m.encoded().length());
    });
  }

  @ParameterizedTest
  @EnumSource(value = PayloadType.class, names = {"LAST", "KEY_DATA", "SK", "ECCPT"}, mode = EnumSource.Mode.EXCLUDE)
  void everyMessagePayload_roundTrips(PayloadType type) {
    Property.forAll(200, r -> {
      Payload p = Gen.payload(r, type);
      MikeyMessage m = MikeyCodec.encode(Gen.header(r), List.of(p));
      MikeyMessage back = decode(m.encoded());
      assertThat(back.payloads()).hasSize(1);
      assertThat(back.payloads().get(0).type()).isEqualTo(type);
      assertThat(back.payloads().get(0).fields()).isEqualTo(p.fields());
      assertThat(MikeyCodec.encode(back.header(), back.payloads()).encoded()).isEqualTo(m.encoded());
    });
  }

  @ParameterizedTest
  @EnumSource(value = PayloadType.class, names = {"KEY_DATA", "SK", "ECCPT"})
  void everySubPayload_roundTripsInItsScope(PayloadType type) {
    Scope scope = switch (type) {
      case KEY_DATA -> Scope.KEMAC;
      case SK -> Scope.ESK;
      default -> Scope.IBAKE;
    };
    Property.forAll(300, r -> {
      List<Payload> ps = new ArrayList<>();
      ps.add(Gen.idr(r));
      for (int i = 1 + r.nextInt(3); i > 0; i--) {
        ps.add(Gen.payload(r, type));
      }
      byte[] plain = MikeyCodec.encodeSubPayloads(ps, scope);
      List<Payload> back = decodeSub(plain, PayloadType.IDR, scope);
      assertThat(back).hasSameSizeAs(ps);
      for (int i = 0; i < ps.size(); i++) {
        assertThat(back.get(i).fields()).isEqualTo(ps.get(i).fields());
      }
      assertThat(MikeyCodec.encodeSubPayloads(back, scope)).isEqualTo(plain);
    });
  }

  @Test
  void baseTicket_roundTrips() {
    Property.forAll(200, r -> {
      List<Payload> ps = new ArrayList<>();
      ps.add(Gen.payload(r, PayloadType.T));
      ps.add(Gen.payload(r, PayloadType.RAND));
      ps.add(Gen.kemac(r));
      if (r.nextBoolean()) {
        ps.add(Gen.idr(r));
      }
      ps.add(Gen.payload(r, PayloadType.V));
      BaseTicket t = new BaseTicket(Gen.b(r, 0, 10), ps);
      Bytes enc = t.encode();
      BaseTicket back;
      try {
        back = BaseTicket.decode(enc, 0);
      } catch (MikeyException e) {
        throw new AssertionError(e);
      }
      assertThat(back.thdrData()).isEqualTo(t.thdrData());
      assertThat(back.encode()).isEqualTo(enc);
    });
  }

  @Test
  void generators_coverEveryPayloadType() {
    Set<PayloadType> seen = EnumSet.noneOf(PayloadType.class);
    Property.forAll(400, r -> {
      for (Payload p : Gen.message(r).payloads()) {
        seen.add(p.type());
      }
    });
    seen.addAll(List.of(PayloadType.KEY_DATA, PayloadType.SK, PayloadType.ECCPT)); // sub-payload test above
    Set<PayloadType> all = EnumSet.allOf(PayloadType.class);
    all.remove(PayloadType.LAST);
    assertThat(seen).containsAll(all);
  }

  static MikeyMessage decode(Bytes b) {
    try {
      return MikeyCodec.decode(b);
    } catch (MikeyException e) {
      throw new AssertionError("decode failed: " + e.getMessage(), e);
    }
  }

  static List<Payload> decodeSub(byte[] b, PayloadType first, Scope scope) {
    try {
      return MikeyCodec.decodeSubPayloads(b, first, scope);
    } catch (MikeyException e) {
      throw new AssertionError("decode failed: " + e.getMessage(), e);
    }
  }
}
