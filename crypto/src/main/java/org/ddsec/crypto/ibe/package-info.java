/**
 * Identity-based cryptography for MIKEY-IBAKE and MIKEY-SAKKE: the identifiers with monthly key
 * periods of RFC 6509 §3.2 ({@link org.ddsec.crypto.ibe.Identity}, {@link
 * org.ddsec.crypto.ibe.KeyPeriod}) and the one checked error ({@link
 * org.ddsec.crypto.ibe.IbeException}). The schemes live in sub-packages:
 *
 * <ul>
 *   <li>{@code ibe.sakke}: SAKKE (RFC 6508) — KMS master key, receiver secret keys, encapsulation
 *       and decapsulation of a shared secret value;
 *   <li>{@code ibe.eccsi}: ECCSI signatures (RFC 6507) — KMS issuance, key validation, sign, verify;
 *   <li>{@code ibe.encryption}: ddsec's identity-based encryption E_B(...) for RFC 6267, SAKKE as
 *       a KEM with AES-128-GCM (docs/ibe.md);
 *   <li>{@code ibe.internal}: the raw arithmetic (Montgomery field, curve, Tate-Lichtenbaum
 *       pairing); not for use outside these packages.
 * </ul>
 *
 * <p>Pure computation: no I/O, no clock (periods are computed from an {@link java.time.Instant}
 * the caller passes), randomness from a {@link java.security.SecureRandom} the caller passes.
 */
package org.ddsec.crypto.ibe;
