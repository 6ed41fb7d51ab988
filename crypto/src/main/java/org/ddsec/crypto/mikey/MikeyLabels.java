package org.ddsec.crypto.mikey;

import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code label} inputs of every MIKEY key derivation, byte for byte as the RFCs lay them out,
 * and the 32-bit constants that start them. {@link MikeyKeyDerivation} feeds these labels to
 * {@link MikeyPrf#derive}.
 *
 * <p>Integers are big-endian. "len8(x)" is the length of x in bytes as an 8-bit unsigned integer,
 * "len16(x)" as a 16-bit one; an omitted optional RAND has length 0. All constants are taken from
 * the decimal digits of e (RFC 3830 §4.1.3).
 */
public final class MikeyLabels {

  /** The CS ID position holds 0xFF in labels not bound to a crypto session (RFC 3830 §4.1.4). */
  public static final int NO_CS_ID = 0xFF;

  /** The CSB ID position holds 0xFFFFFFFF in labels not bound to a CSB (RFC 6043 §5.1.1). */
  public static final long NO_CSB_ID = 0xFFFF_FFFFL;

  /** Derivation-type octet of the forking derivation (RFC 6043 §5.1.1). */
  public static final int TYPE_FORKING = 0x00;

  /** Derivation-type octet of keys from a TGK/GTGK in the Ticket Transfer exchange (RFC 6043 §5.1.3). */
  public static final int TYPE_TGK = 0x03;

  /** Derivation-type octet of the Initiator Data keys from MPKr (RFC 6043 §6.10). */
  public static final int TYPE_INITIATOR_DATA = 0x04;

  /** Derivation-type octet of keys from a TPK (RFC 6043 Appendix A.2.1). */
  public static final int TYPE_TPK = 0x05;

  /** Derivation-type octet of MPKi/MPKr from the MPK (RFC 6043 Appendix A.2.2). */
  public static final int TYPE_MPK = 0x06;

  /** Keys derived from a TGK (or TGK', GTGK): RFC 3830 §4.1.3 Table 4.1.3. */
  public enum TgkKey {
    /** 0x2AD01C64: the TEK, e.g. the SRTP master key (RFC 3830 §4.1.3). */
    TEK(0x2AD01C64),
    /** 0x1B5C7973: an authentication key for the security protocol (RFC 3830 §4.1.3). */
    AUTH(0x1B5C7973),
    /** 0x15798CEF: an encryption key for the security protocol (RFC 3830 §4.1.3). */
    ENCR(0x15798CEF),
    /** 0x39A2C14B: a salting key, e.g. the SRTP master salt (RFC 3830 §4.1.3). */
    SALT(0x39A2C14B);

    private final int constant;

    TgkKey(int constant) {
      this.constant = constant;
    }

    public int constant() {
      return constant;
    }
  }

  /**
   * Keys protecting MIKEY messages, derived from an envelope key, pre-shared key, MPK, TPK or
   * MPKr: RFC 3830 §4.1.4 Table 4.1.4 (also used by RFC 6043 §5.1.2, §6.10, A.2.1 and RFC 6267
   * §5.2).
   */
  public enum MessageKey {
    /** 0x150533E1: encr_key (RFC 3830 §4.1.4). */
    ENCR(0x150533E1),
    /** 0x2D22AC75: auth_key (RFC 3830 §4.1.4). */
    AUTH(0x2D22AC75),
    /** 0x29B88916: salt_key (RFC 3830 §4.1.4). */
    SALT(0x29B88916);

    private final int constant;

    MessageKey(int constant) {
      this.constant = constant;
    }

    public int constant() {
      return constant;
    }
  }

  /** Forked keys: RFC 6043 §5.1.1 Table 5.1. */
  public enum ForkedKey {
    /** 0x2B288856: MPKr', the forked MPKr (RFC 6043 §5.1.1). */
    MPKR_PRIME(0x2B288856),
    /** 0x1512B54A: TGK', a forked TGK (RFC 6043 §5.1.1). */
    TGK_PRIME(0x1512B54A);

    private final int constant;

    ForkedKey(int constant) {
      this.constant = constant;
    }

    public int constant() {
      return constant;
    }
  }

  /** Keys derived from the MPK of a ticket: RFC 6043 Appendix A.2.2 Table A.1. */
  public enum MpkKey {
    /** 0x220E99A2: MPKi, protects TRANSFER_INIT (RFC 6043 A.2.2). */
    MPKI(0x220E99A2),
    /** 0x1F4D675B: MPKr, protects TRANSFER_RESP (RFC 6043 A.2.2). */
    MPKR(0x1F4D675B);

    private final int constant;

    MpkKey(int constant) {
      this.constant = constant;
    }

    public int constant() {
      return constant;
    }
  }

  /** Keys derived from the IBAKE session key K_SESSION: RFC 6267 §5.1 Table 1. */
  public enum IbakeKey {
    /** 0x220E99A2: the MPK protecting the I_MESSAGE/R_MESSAGE exchange (RFC 6267 §5.1). */
    MPK(0x220E99A2),
    /** 0x1F4D675B: the TGK (RFC 6267 §5.1). */
    TGK(0x1F4D675B);

    private final int constant;

    IbakeKey(int constant) {
      this.constant = constant;
    }

    public int constant() {
      return constant;
    }
  }

  /** Which message of a MIKEY-TICKET exchange the keys protect (RFC 6043 §5.1.2). */
  public enum TicketMessage {
    /** 0x01: an initial message (REQUEST_INIT, TRANSFER_INIT, RESOLVE_INIT). */
    INITIAL(0x01),
    /** 0x02: a response message (REQUEST_RESP, TRANSFER_RESP, RESOLVE_RESP). */
    RESPONSE(0x02);

    private final int code;

    TicketMessage(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private MikeyLabels() {}

  /** RFC 3830 §4.1.3: {@code constant || cs_id || csb_id || RAND}. */
  public static byte[] fromTgk(TgkKey key, int csId, long csbId, byte[] rand) {
    return new Label(key.constant()).u8(csId, "CS ID").u32(csbId, "CSB ID").raw(rand, "RAND").bytes();
  }

  /**
   * RFC 3830 §4.1.4: {@code constant || 0xFF || csb_id || RAND}; also RFC 6267 §5.2 (keys from
   * the MPK for R_MESSAGE_2).
   */
  public static byte[] message(MessageKey key, long csbId, byte[] rand) {
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(csbId, "CSB ID").raw(rand, "RAND").bytes();
  }

  /**
   * RFC 6043 §5.1.1: {@code constant || 0xFF || 0xFFFFFFFF || 0x00 || len16(ID Data) || ID Data
   * || len8(RANDRkms) || RANDRkms}, ID Data from the IDRr payload.
   */
  public static byte[] forking(ForkedKey key, byte[] idData, byte[] randRkms) {
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(NO_CSB_ID, "CSB ID").u8(TYPE_FORKING, "type")
        .len16(idData, "ID Data").len8(randRkms, "RANDRkms").bytes();
  }

  /**
   * RFC 6043 §5.1.2: {@code constant || 0xFF || CSB ID || 0x01 (initial) or 0x02 (response) ||
   * len8(RANDRi) || RANDRi || len8(RANDRr) || RANDRr}; pass an empty array for an omitted RAND.
   *
   * @throws IllegalArgumentException if both RANDs are empty ("at least one ... is always used")
   */
  public static byte[] ticketMessage(MessageKey key, long csbId, TicketMessage kind, byte[] randRi, byte[] randRr) {
    requireOneRand(randRi, randRr);
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(csbId, "CSB ID").u8(kind.code(), "type")
        .len8(randRi, "RANDRi").len8(randRr, "RANDRr").bytes();
  }

  /**
   * RFC 6043 §5.1.3: {@code constant || CS ID || 0xFFFFFFFF || 0x03 || len8(RANDRi) || RANDRi ||
   * len8(RANDRr) || RANDRr}; pass an empty array for an omitted RAND.
   *
   * @throws IllegalArgumentException if both RANDs are empty ("at least one ... MUST be used")
   */
  public static byte[] ticketTgk(TgkKey key, int csId, byte[] randRi, byte[] randRr) {
    requireOneRand(randRi, randRr);
    return new Label(key.constant()).u8(csId, "CS ID").u32(NO_CSB_ID, "CSB ID").u8(TYPE_TGK, "type")
        .len8(randRi, "RANDRi").len8(randRr, "RANDRr").bytes();
  }

  /** RFC 6043 §6.10 (Initiator Data): {@code constant || 0xFF || 0xFFFFFFFF || 0x04}. */
  public static byte[] initiatorData(MessageKey key) {
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(NO_CSB_ID, "CSB ID").u8(TYPE_INITIATOR_DATA, "type").bytes();
  }

  /** RFC 6043 Appendix A.2.1: {@code constant || 0xFF || 0xFFFFFFFF || 0x05 || len8(RAND) || RAND}. */
  public static byte[] tpk(MessageKey key, byte[] rand) {
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(NO_CSB_ID, "CSB ID").u8(TYPE_TPK, "type")
        .len8(rand, "RAND").bytes();
  }

  /** RFC 6043 Appendix A.2.2: {@code constant || 0xFF || 0xFFFFFFFF || 0x06 || len8(RAND) || RAND}. */
  public static byte[] mpk(MpkKey key, byte[] rand) {
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(NO_CSB_ID, "CSB ID").u8(TYPE_MPK, "type")
        .len8(rand, "RAND").bytes();
  }

  /** RFC 6267 §5.1: {@code constant || 0xFF || 0xFFFFFFFF || RAND} (no length octet). */
  public static byte[] ibakeSessionKey(IbakeKey key, byte[] rand) {
    return new Label(key.constant()).u8(NO_CS_ID, "CS ID").u32(NO_CSB_ID, "CSB ID").raw(rand, "RAND").bytes();
  }

  private static void requireOneRand(byte[] randRi, byte[] randRr) {
    Objects.requireNonNull(randRi, "randRi");
    Objects.requireNonNull(randRr, "randRr");
    if (randRi.length == 0 && randRr.length == 0) {
      throw new IllegalArgumentException("RANDRi and RANDRr: both empty (expected: at least one, RFC 6043 §5.1)");
    }
  }

  /** A label under construction: the 32-bit constant first, then the fields in order. */
  private static final class Label {
    private byte[] buf = new byte[64];
    private int n;

    Label(int constant) {
      put(constant >>> 24);
      put(constant >>> 16);
      put(constant >>> 8);
      put(constant);
    }

    private void put(int b) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, 2 * n);
      }
      buf[n++] = (byte) b;
    }

    private void putAll(byte[] b) {
      for (byte x : b) {
        put(x);
      }
    }

    Label u8(int v, String what) {
      if (v < 0 || v > 0xFF) {
        throw new IllegalArgumentException(what + ": " + v + " (expected: 8 bits)");
      }
      put(v);
      return this;
    }

    Label u32(long v, String what) {
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(what + ": " + v + " (expected: 32 bits)");
      }
      for (int shift = 24; shift >= 0; shift -= 8) {
        put((int) (v >>> shift));
      }
      return this;
    }

    Label raw(byte[] b, String what) {
      Objects.requireNonNull(b, what);
      putAll(b);
      return this;
    }

    Label len8(byte[] b, String what) {
      Objects.requireNonNull(b, what);
      if (b.length > 0xFF) {
        throw new IllegalArgumentException(what + ": " + b.length + " bytes (expected: ≤ 255, an 8-bit length)");
      }
      put(b.length);
      putAll(b);
      return this;
    }

    Label len16(byte[] b, String what) {
      Objects.requireNonNull(b, what);
      if (b.length > 0xFFFF) {
        throw new IllegalArgumentException(what + ": " + b.length + " bytes (expected: ≤ 65535, a 16-bit length)");
      }
      put(b.length >>> 8);
      put(b.length);
      putAll(b);
      return this;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, n);
    }
  }
}
