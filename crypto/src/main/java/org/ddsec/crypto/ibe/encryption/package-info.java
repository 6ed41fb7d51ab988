/**
 * Identity-based encryption for MIKEY-IBAKE's E_B(...) (RFC 6267 §4.2.2, the ESK): SAKKE as a
 * KEM with HKDF-SHA-256 and AES-128-GCM ({@link org.ddsec.crypto.ibe.encryption.IbeEncryption});
 * docs/ibe.md explains the construction.
 */
package org.ddsec.crypto.ibe.encryption;
