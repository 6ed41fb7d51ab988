/**
 * Media layer of DESIGN.md §4: audio (WAV, G.711), RTP (RFC 3550), SRTP/SRTCP (RFC 3711,
 * RFC 7714) and the stored-message capture format. Sans-I/O: works on byte arrays and streams
 * handed in by the adapters; it opens no file and no socket.
 */
package org.ddsec.media;
