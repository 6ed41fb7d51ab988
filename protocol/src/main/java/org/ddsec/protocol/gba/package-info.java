/**
 * What the sans-I/O roles need from GBA (3GPP TS 33.220): a NAF's read-only lookup of a user's
 * Ks_NAF by B-TID (the Zn reference point, §4.4.3). The KMS of KMS-DD is such a NAF; the
 * BSF-backed implementation lives in {@code server}, an in-memory one here for tests.
 */
package org.ddsec.protocol.gba;
