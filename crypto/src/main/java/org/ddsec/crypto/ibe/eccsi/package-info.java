/**
 * ECCSI, Elliptic Curve-Based Certificateless Signatures for Identity-Based Encryption (RFC
 * 6507), on NIST P-256 with SHA-256: a KMS issuing (SSK, PVT) pairs for many identities under one
 * KSAK/KPAK ({@link org.ddsec.crypto.ibe.eccsi.EccsiKms}), the signer's key validation ({@link
 * org.ddsec.crypto.ibe.eccsi.EccsiSigningKey}), and signing and verification ({@link
 * org.ddsec.crypto.ibe.eccsi.Eccsi}) with a fresh ephemeral value for every signature.
 */
package org.ddsec.crypto.ibe.eccsi;
