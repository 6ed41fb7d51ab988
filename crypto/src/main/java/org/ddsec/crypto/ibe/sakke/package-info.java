/**
 * SAKKE, Sakai-Kasahara Key Encryption (RFC 6508), with MIKEY-SAKKE parameter set 1 (RFC 6509
 * Appendix A): the KMS master secret and public key ({@link org.ddsec.crypto.ibe.sakke.SakkeKms},
 * {@link org.ddsec.crypto.ibe.sakke.SakkePublicKey}), receiver secret keys issued by the KMS and
 * validated by the user ({@link org.ddsec.crypto.ibe.sakke.ReceiverSecretKey}, RFC 6508 §6.1.2),
 * and encapsulation and decapsulation of a shared secret value ({@link
 * org.ddsec.crypto.ibe.sakke.Sakke}, §6.2) with the fixed-length encodings of §4.
 */
package org.ddsec.crypto.ibe.sakke;
