package org.ddsec.mikey;

import static org.ddsec.testkit.Property.bytes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.mikey.payload.*;

/** Random, valid instances of every MIKEY payload, for the round-trip properties. */
final class Gen {
  private Gen() {}

  static <E extends Enum<E>> E pick(SplittableRandom r, Class<E> e) {
    E[] v = e.getEnumConstants();
    return v[r.nextInt(v.length)];
  }

  static Bytes b(SplittableRandom r, int min, int max) {
    return Bytes.of(bytes(r, min, max));
  }

  static Bytes b(SplittableRandom r, int n) {
    return Bytes.of(bytes(r, n));
  }

  static KeyValidity kv(SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> KeyValidity.None.INSTANCE;
      case 1 -> new KeyValidity.Spi(b(r, 0, 8));
      default -> new KeyValidity.Interval(b(r, 0, 6), b(r, 0, 6));
    };
  }

  static int role(SplittableRandom r, int maxAssigned) {
    return r.nextInt(10) == 0 ? 240 + r.nextInt(15) : 1 + r.nextInt(maxAssigned);
  }

  static CsIdMap csIdMap(SplittableRandom r) {
    switch (r.nextInt(3)) {
      case 0: {
        List<CsIdMap.SrtpCs> cs = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          cs.add(new CsIdMap.SrtpCs(r.nextInt(256), r.nextLong(1L << 32), r.nextLong(1L << 32)));
        }
        return new CsIdMap.SrtpIdMap(cs);
      }
      case 1:
        return new CsIdMap.EmptyMap(r.nextInt(3));
      default: {
        List<CsIdMap.GenericCs> cs = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
          boolean s = r.nextBoolean();
          List<Integer> ps = new ArrayList<>();
          for (int j = r.nextInt(3); j > 0; j--) {
            ps.add(r.nextInt(256));
          }
          Bytes sd = r.nextBoolean() ? Bytes.EMPTY : b(r, s ? 10 : 4);
          cs.add(new CsIdMap.GenericCs(r.nextInt(256), ProtocolType.SRTP, s, ps, sd, b(r, 0, 4)));
        }
        return new CsIdMap.GenericIdMap(cs);
      }
    }
  }

  static CommonHeader header(SplittableRandom r) {
    return new CommonHeader(pick(r, DataType.class), r.nextBoolean(), pick(r, PrfFunction.class), r.nextLong(1L << 32), csIdMap(r));
  }

  static SecurityPolicyPayload sp(SplittableRandom r) {
    List<SecurityPolicyPayload.Param> ps = new ArrayList<>();
    List<SrtpPolicyType> types = new ArrayList<>(List.of(SrtpPolicyType.values()));
    for (int i = r.nextInt(6); i > 0 && !types.isEmpty(); i--) {
      SrtpPolicyType t = types.remove(r.nextInt(types.size()));
      int v = switch (t) {
        case ENCRYPTION_ALGORITHM -> r.nextInt(7);
        case AUTHENTICATION_ALGORITHM -> r.nextInt(5);
        case SRTP_PRF, FEC_ORDER -> 0;
        case SRTP_ENCRYPTION, SRTCP_ENCRYPTION, SRTP_AUTHENTICATION -> r.nextInt(2);
        default -> r.nextInt(256);
      };
      ps.add(SecurityPolicyPayload.Param.u8(t, v));
    }
    return new SecurityPolicyPayload(r.nextInt(256), ProtocolType.SRTP, ps);
  }

  static TicketPolicy policy(SplittableRandom r) {
    Set<TicketFlag> f = EnumSet.noneOf(TicketFlag.class);
    for (TicketFlag x : TicketFlag.values()) {
      if (r.nextBoolean()) {
        f.add(x);
      }
    }
    // Close under the RFC 6043 §6.10 implications.
    if (!f.contains(TicketFlag.D)) f.add(TicketFlag.L);
    if (f.contains(TicketFlag.K)) f.add(TicketFlag.D);
    if (f.contains(TicketFlag.G) || f.contains(TicketFlag.M)) f.add(TicketFlag.F);
    if (!f.contains(TicketFlag.G)) f.add(TicketFlag.H);
    if (f.contains(TicketFlag.I)) f.add(TicketFlag.E);
    List<Payload> tp = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      tp.add(r.nextBoolean() ? idr(r) : tr(r));
    }
    int type = r.nextInt(4) == 0 ? 61440 + r.nextInt(65534 - 61440 + 1) : 1 + r.nextInt(2);
    return new TicketPolicy(type, r.nextInt(256), r.nextInt(256), pick(r, PrfFunction.class), f, tp);
  }

  static IdRolePayload idr(SplittableRandom r) {
    return new IdRolePayload(role(r, 9), pick(r, IdType.class), b(r, 0, 40));
  }

  static TimestampRolePayload tr(SplittableRandom r) {
    TimestampType t = pick(r, TimestampType.class);
    return new TimestampRolePayload(role(r, 4), t, b(r, t.valueLength()));
  }

  static KemacPayload kemac(SplittableRandom r) {
    MacAlgorithm m = pick(r, MacAlgorithm.class);
    return new KemacPayload(pick(r, EncryptionAlgorithm.class), b(r, 0, 80), m, b(r, m.macLength()));
  }

  static Bytes eccPoint(SplittableRandom r, EccCurve c) {
    int form = r.nextInt(3);
    int first = form == 0 ? 4 : 2 + form - 1;
    int len = first == 4 ? 1 + 2 * c.fieldLength() : 1 + c.fieldLength();
    byte[] p = bytes(r, len);
    p[0] = (byte) first;
    return Bytes.of(p);
  }

  /** One random payload of the given type. */
  static Payload payload(SplittableRandom r, PayloadType t) {
    switch (t) {
      case KEMAC:
        return kemac(r);
      case PKE:
        return new PkePayload(pick(r, EnvelopeCache.class), b(r, 0, 300));
      case DH: {
        DhGroup g = pick(r, DhGroup.class);
        return new DhPayload(g, b(r, g.valueLength()), kv(r));
      }
      case SIGN: {
        SignatureType s = pick(r, SignatureType.class);
        return new SignPayload(s, s == SignatureType.ECCSI ? b(r, SignPayload.ECCSI_LENGTH) : b(r, 0, 300));
      }
      case T: {
        TimestampType tt = pick(r, TimestampType.class);
        return new TimestampPayload(tt, b(r, tt.valueLength()));
      }
      case ID:
        return new IdPayload(pick(r, IdType.class), b(r, 0, 40));
      case CERT:
        return new CertPayload(pick(r, CertType.class), b(r, 0, 300));
      case CHASH: {
        HashFunction h = pick(r, HashFunction.class);
        return new CertHashPayload(h, b(r, h.hashLength()));
      }
      case V: {
        MacAlgorithm m = pick(r, MacAlgorithm.class);
        return new VerificationPayload(m, b(r, m.macLength()));
      }
      case SP:
        return sp(r);
      case RAND:
        return new RandPayload(b(r, 1, 32));
      case ERR:
        return new ErrorPayload(pick(r, ErrorCode.class));
      case TR:
        return tr(r);
      case IDR:
        return idr(r);
      case RANDR:
        return new RandRolePayload(role(r, 3), b(r, 1, 32));
      case TP:
        return new TicketPolicyPayload(policy(r));
      case TICKET: {
        List<Payload> init = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
          init.add(payload(r, PayloadType.V));
        }
        return new TicketPayload(policy(r), b(r, 0, 60), init);
      }
      case KEY_DATA: {
        KeyDataType k = pick(r, KeyDataType.class);
        Optional<SecretBytes> salt = KeyDataPayload.hasSalt(k) ? Optional.of(SecretBytes.copyOf(bytes(r, 0, 14))) : Optional.empty();
        return new KeyDataPayload(k, SecretBytes.copyOf(bytes(r, 0, 32)), salt, kv(r));
      }
      case GENERAL_EXT: {
        int type = r.nextInt(5) == 0 ? 241 + r.nextInt(15) : r.nextInt(8);
        return new GeneralExtensionPayload(type, b(r, 0, 40));
      }
      case IBAKE:
        return new IbakePayload(b(r, 0, 120));
      case ESK:
        return new EskPayload(b(r, 0, 120));
      case SK:
        return new SecretKeyPayload(SecretKeyType.SK, SecretBytes.copyOf(bytes(r, 0, 32)), kv(r));
      case ECCPT: {
        EccCurve c = pick(r, EccCurve.class);
        return new EccPointPayload(c, eccPoint(r, c), pick(r, MacAlgorithm.class), r.nextInt(65536), kv(r));
      }
      case SAKKE: {
        byte[] d = bytes(r, SakkeParams.PARAMETER_SET_1.dataLength());
        d[0] = 4;
        return new SakkePayload(SakkeParams.PARAMETER_SET_1, pick(r, SakkeIdScheme.class), Bytes.of(d));
      }
      default:
        throw new IllegalArgumentException(t.toString());
    }
  }

  /** Types allowed at message level (everything but the sub-payloads and LAST). */
  static final List<PayloadType> MESSAGE_TYPES = List.of(
      PayloadType.KEMAC, PayloadType.PKE, PayloadType.DH, PayloadType.T, PayloadType.ID, PayloadType.CERT,
      PayloadType.CHASH, PayloadType.V, PayloadType.SP, PayloadType.RAND, PayloadType.ERR, PayloadType.TR,
      PayloadType.IDR, PayloadType.RANDR, PayloadType.TP, PayloadType.TICKET, PayloadType.GENERAL_EXT,
      PayloadType.IBAKE, PayloadType.ESK, PayloadType.SAKKE);

  /** A random message: header, 0–6 message-level payloads, optionally a final SIGN. */
  static MikeyMessage message(SplittableRandom r) {
    List<Payload> ps = new ArrayList<>();
    for (int i = r.nextInt(7); i > 0; i--) {
      ps.add(payload(r, MESSAGE_TYPES.get(r.nextInt(MESSAGE_TYPES.size()))));
    }
    if (r.nextInt(4) == 0) {
      ps.add(payload(r, PayloadType.SIGN));
    }
    return MikeyCodec.encode(header(r), ps);
  }
}
