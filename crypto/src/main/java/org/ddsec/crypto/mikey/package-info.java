/**
 * MIKEY cryptography: the PRFs ({@link org.ddsec.crypto.mikey.MikeyPrf}), every key derivation
 * of RFC 3830, RFC 6043 and RFC 6267 ({@link org.ddsec.crypto.mikey.MikeyKeyDerivation} over the
 * labels of {@link org.ddsec.crypto.mikey.MikeyLabels}), KEMAC encryption ({@link
 * org.ddsec.crypto.mikey.KemacEncryption}), the MAC algorithms ({@link
 * org.ddsec.crypto.mikey.MikeyMac}) and the byte strings the V payload's MAC covers ({@link
 * org.ddsec.crypto.mikey.VerificationMacInput}).
 *
 * <p>This package knows no wire format: callers (the {@code protocol} layer) hand in the bytes
 * and values the {@code mikey} codec decoded. Code points mirror the codec's enums and convert
 * with {@code fromCode}. Pure computation: no I/O, no clock, no logging. Key material is {@link
 * org.ddsec.core.SecretBytes}; verification failures are the checked {@link
 * org.ddsec.crypto.AuthenticationException}; argument errors are {@link IllegalArgumentException}s
 * naming the field, never a key byte.
 */
package org.ddsec.crypto.mikey;
