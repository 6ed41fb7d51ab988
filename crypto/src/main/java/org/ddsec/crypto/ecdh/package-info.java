/**
 * Elliptic-curve Diffie-Hellman on NIST P-256 as MIKEY-IBAKE uses it (RFC 6267 §5.1, ECCPT curve
 * 8): ephemeral keys, SEC 1 uncompressed public values checked before use, and the session point
 * K_SESSION. Pure computation; randomness from a {@link java.security.SecureRandom} the caller
 * passes.
 */
package org.ddsec.crypto.ecdh;
