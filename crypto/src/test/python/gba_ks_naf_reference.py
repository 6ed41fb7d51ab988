#!/usr/bin/env python3
"""Independent reference for Ks_NAF (3GPP TS 33.220 Annex B.2/B.3), written from the TS text with
Python's hmac/hashlib (not from the Java code). It prints S and Ks_NAF for the inputs GbaKeysTest
and GbaNafKeyCommandTest assert. Not an official vector: TS 33.220 publishes no Ks_NAF test data.

    python3 crypto/src/test/python/gba_ks_naf_reference.py
"""
import hashlib
import hmac

# Ks = CK || IK of 3GPP TS 35.208 test set 1 (f3 || f4).
ks = bytes.fromhex("b40ba9a3c58b2a05bbf0d987b21bf8cb" + "f769bcd751044604127672711c6d3441")
rand = bytes.fromhex("23553cbe9637a89d218ae64dae47bf35")
impi = "alice@ims.example.org".encode("utf-8")
naf_id = "kms.ims.example.org".encode("utf-8") + bytes([0x01, 0x00, 0x00, 0x00, 0x06])


def L(p):
    return len(p).to_bytes(2, "big")


# Annex B.2: S = FC || P0 || L0 || ... ; Annex B.3: FC = 0x01, P0 = "gba-me", P1 = RAND, P2 = IMPI, P3 = NAF_Id.
p0 = b"gba-me"
s = bytes([0x01]) + p0 + L(p0) + rand + L(rand) + impi + L(impi) + naf_id + L(naf_id)
print("S=" + s.hex())
print("ks_naf=" + hmac.new(ks, s, hashlib.sha256).hexdigest())
