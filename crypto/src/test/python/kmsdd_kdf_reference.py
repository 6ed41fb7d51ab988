#!/usr/bin/env python3
"""Independent reference values for crypto.kmsdd.KmsDdKdf (docs/profile-kms-dd.md, "Key
derivations"): the TS 33.220 Annex B.2 KDF, HMAC-SHA-256(key, FC || P0 || L0 || ... || Pn || Ln),
computed here with Python's hmac/hashlib only. Run: python3 kmsdd_kdf_reference.py"""
import hashlib, hmac

def kdf(key, fc, *params):
    s = bytes([fc])
    for p in params:
        s += p + len(p).to_bytes(2, 'big')
    return hmac.new(key, s, hashlib.sha256).hexdigest()

ka = bytes(range(32))                       # 000102..1f
kkms = bytes(range(0x20, 0x40))             # 202122..3f
ra = bytes.fromhex('a0a1a2a3a4a5a6a7a8a9aaabacadaeaf')
msg = bytes.fromhex('00112233445566778899aabbccddeeff')
ida, idb, idbm = b'sip:alice@ims.example', b'sip:bob@ims.example', b'sip:vm.ims.example'
print('tpk_request', kdf(ka, 0xD0, b'ddsec-dd TPK', bytes.fromhex('fdd1')))
print('mpki       ', kdf(ka, 0xD1, b'ddsec-dd MPKi', ra, ida, idb))
kd = bytes.fromhex(kdf(kkms, 0xD2, b'ddsec-dd derivation', (7).to_bytes(4, 'big')))
print('kd_v7      ', kd.hex())
print('tpk_token7 ', kdf(kkms, 0xD3, b'ddsec-dd token', (7).to_bytes(4, 'big')))
print('k          ', kdf(kd, 0xD4, b'ddsec-dd K', ra, ida, idb, msg))
print('ke2m       ', kdf(kd, 0xD5, b'ddsec-dd Ke2m', ra, ida, idbm, msg))
print('msg_id     ', hashlib.sha256(b'ticket data').hexdigest()[:32])
