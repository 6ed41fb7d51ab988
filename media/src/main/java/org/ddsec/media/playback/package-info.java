/**
 * Recipient playback of a stored message ({@link org.ddsec.media.playback.MessagePlayer}):
 * SRTP-decrypt in arrival order, reorder by SRTP index, conceal losses with silence, decode
 * G.711 to PCM for a WAV.
 */
package org.ddsec.media.playback;
