/**
 * SRTP and SRTCP (RFC 3711) with AES_CM_128_HMAC_SHA1_80/_32 and AEAD_AES_128/256_GCM (RFC 7714),
 * on the JCE: {@link org.ddsec.media.srtp.SrtpSession} (contexts, ROC, replay window, status per
 * packet), {@link org.ddsec.media.srtp.SrtpMasterKey} (master key and salt, also from a MIKEY TGK
 * per RFC 3830 §4.1.3). Session keys come from {@code crypto.srtp.SrtpKdf}.
 */
package org.ddsec.media.srtp;
