package org.ddsec.protocol.kmsdd.mailbox;

/**
 * Sees every byte string the mailbox role receives, sends, stores, decrypts or derives — key
 * material included. It exists so that a test can prove what the mailbox never holds (K, the
 * SRTP keys, Ka, Kb); nothing that runs for real may install one.
 */
@FunctionalInterface
public interface InsecureAuditTap {

  InsecureAuditTap NONE = (what, bytes) -> {};

  void observed(String what, byte[] bytes);
}
