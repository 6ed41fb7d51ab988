/**
 * RTP (RFC 3550): the packet ({@link org.ddsec.media.rtp.RtpPacket}, strict parse), the
 * packetiser for 20 ms audio frames and the depacketiser that restores order and marks losses,
 * and the sequence-number extension of RFC 3711 §3.3.1 both SRTP and playback use.
 */
package org.ddsec.media.rtp;
