/**
 * SRTP primitives: the AES counter-mode keystream of RFC 3711 §4.1.1 ({@link
 * org.ddsec.crypto.srtp.AesCounterMode}) and the SRTP/SRTCP key derivation of RFC 3711 §4.3 with
 * AES-128/192/256 (RFC 6188) ({@link org.ddsec.crypto.srtp.SrtpKdf}).
 *
 * <p>Pure computation: no I/O, no clock, no logging. Keys go in and come out as {@link
 * org.ddsec.core.SecretBytes}; argument errors are {@link IllegalArgumentException}s whose
 * messages name lengths and values, never key bytes.
 */
package org.ddsec.crypto.srtp;
