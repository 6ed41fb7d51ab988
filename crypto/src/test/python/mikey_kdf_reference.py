#!/usr/bin/env python3
"""Independent reference for the MIKEY key derivations, written from the RFC text with Python's
hmac/hashlib (not from the Java code). It prints the cross-implementation values that
MikeyKeyDerivationTest asserts. These are NOT official vectors: no RFC or 3GPP document publishes
MIKEY key-derivation known answers.

    python3 crypto/src/test/python/mikey_kdf_reference.py
"""
import hashlib
import hmac
import struct


def p_hash(h, s, label, m):
    """RFC 3830 §4.1.2: P(s, label, m) = HMAC(s, A_1 || label) || ... ; A_0 = label, A_i = HMAC(s, A_(i-1))."""
    out, a = b"", label
    for _ in range(m):
        a = hmac.new(s, a, h).digest()
        out += hmac.new(s, a + label, h).digest()
    return out


def prf(name, inkey, label, outkey_len_bits):
    """RFC 3830 §4.1.2 (MIKEY-1, SHA-1, 160) and RFC 6043 §6.1 (PRF-HMAC-SHA-256, 256)."""
    h, hbits = {"MIKEY-1": (hashlib.sha1, 160), "PRF-HMAC-SHA-256": (hashlib.sha256, 256)}[name]
    n = -(-len(inkey) * 8 // 256)
    m = -(-outkey_len_bits // hbits)
    acc = bytes(m * hbits // 8)
    for i in range(n):
        p = p_hash(h, inkey[32 * i:32 * i + 32], label, m)
        acc = bytes(x ^ y for x, y in zip(acc, p))
    return acc[:outkey_len_bits // 8]


u8 = lambda v: struct.pack(">B", v)
u16 = lambda v: struct.pack(">H", v)
u32 = lambda v: struct.pack(">I", v)

TEK, TGK_SALT = 0x2AD01C64, 0x39A2C14B                      # RFC 3830 §4.1.3
ENCR, AUTH, SALT = 0x150533E1, 0x2D22AC75, 0x29B88916        # RFC 3830 §4.1.4
TGK_PRIME = 0x1512B54A                                       # RFC 6043 §5.1.1
MPKI = 0x220E99A2                                            # RFC 6043 A.2.2
IBAKE_TGK = 0x1F4D675B                                       # RFC 6267 §5.1

RAND = bytes(range(0xA0, 0xB0))
RAND2 = bytes(range(0xC0, 0xD0))


def show(name, value):
    print(f"{name} = {value.hex()}")


# A: RFC 3830 §4.1.3, MIKEY-1, 128-bit TGK, cs_id 1, csb_id 0x12345678
tgk = bytes(range(16))
lab = lambda c: u32(c) + u8(1) + u32(0x12345678) + RAND
show("A.tek", prf("MIKEY-1", tgk, lab(TEK), 128))
show("A.salt", prf("MIKEY-1", tgk, lab(TGK_SALT), 112))

# B: same, PRF-HMAC-SHA-256 with a 384-bit TGK (two inkey blocks, XOR)
tgk48 = bytes(range(48))
show("B.tek", prf("PRF-HMAC-SHA-256", tgk48, lab(TEK), 256))
show("B.salt", prf("PRF-HMAC-SHA-256", tgk48, lab(TGK_SALT), 112))

# C: RFC 3830 §4.1.4, MIKEY-1, 160-bit PSK, csb_id 0xCD177E50
psk = bytes([0x11]) * 20
labc = lambda c: u32(c) + u8(0xFF) + u32(0xCD177E50) + RAND
show("C.encr", prf("MIKEY-1", psk, labc(ENCR), 128))
show("C.auth", prf("MIKEY-1", psk, labc(AUTH), 160))
show("C.salt", prf("MIKEY-1", psk, labc(SALT), 112))

# D: RFC 6043 §5.1.2, response message, PRF-HMAC-SHA-256, RANDRi present, RANDRr omitted
mpk = bytes(range(0x40, 0x60))
labd = lambda c: u32(c) + u8(0xFF) + u32(0x01020304) + u8(0x02) + u8(len(RAND)) + RAND + u8(0)
show("D.encr", prf("PRF-HMAC-SHA-256", mpk, labd(ENCR), 256))
show("D.auth", prf("PRF-HMAC-SHA-256", mpk, labd(AUTH), 256))
show("D.salt", prf("PRF-HMAC-SHA-256", mpk, labd(SALT), 112))

# E: RFC 6043 §5.1.1 forking of a 128-bit TGK
id_data = b"sip:bob@example.com"
labe = u32(TGK_PRIME) + u8(0xFF) + u32(0xFFFFFFFF) + u8(0x00) + u16(len(id_data)) + id_data + u8(len(RAND2)) + RAND2
show("E.tgkPrime", prf("PRF-HMAC-SHA-256", tgk, labe, 128))

# F: RFC 6043 A.2.2 MPKi from a 128-bit MPK, MIKEY-1
show("F.mpki", prf("MIKEY-1", tgk, u32(MPKI) + u8(0xFF) + u32(0xFFFFFFFF) + u8(0x06) + u8(len(RAND)) + RAND, 128))

# G: RFC 6267 §5.1 TGK from a 65-byte K_SESSION (three inkey blocks), PRF-HMAC-SHA-256
k_session = bytes([0x04]) + bytes(range(64))
show("G.tgk", prf("PRF-HMAC-SHA-256", k_session, u32(IBAKE_TGK) + u8(0xFF) + u32(0xFFFFFFFF) + RAND, 128))

# H: RFC 6043 §5.1.3 TEK and salt, MIKEY-1, cs_id 2, both RANDs
labh = lambda c: u32(c) + u8(2) + u32(0xFFFFFFFF) + u8(0x03) + u8(16) + RAND + u8(16) + RAND2
show("H.tek", prf("MIKEY-1", tgk, labh(TEK), 128))
show("H.salt", prf("MIKEY-1", tgk, labh(TGK_SALT), 112))
