/**
 * Raw arithmetic behind {@code ibe.sakke}, not an API: F_p in Montgomery form on 62-bit limbs
 ({@link org.ddsec.crypto.ibe.internal.Fp}), Jacobian point arithmetic on y^2 = x^3 - 3x + b,
 * fixed-base combs for points and for PF_p, and the Tate-Lichtenbaum pairing of RFC 6508 §3.2
 * ({@link org.ddsec.crypto.ibe.internal.TatePairing}, {@link
 * org.ddsec.crypto.ibe.internal.MillerLines}). Inputs are assumed valid (callers check points);
 * exceptional cases come back as empty {@link java.util.Optional}s, never as wrong answers.
 */
package org.ddsec.crypto.ibe.internal;
