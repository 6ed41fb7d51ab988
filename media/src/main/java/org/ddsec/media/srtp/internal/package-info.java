/**
 * Raw SRTP/SRTCP packet cryptography per suite, without replay protection or index
 * bookkeeping. Unsafe on its own (it will happily reuse an IV): use {@link
 * org.ddsec.media.srtp.SrtpSession}. Public only so that known-answer tests can feed RFC 7714
 * session keys straight in.
 */
package org.ddsec.media.srtp.internal;
