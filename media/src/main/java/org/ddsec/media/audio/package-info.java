/**
 * Audio for voice messages: WAV in and out ({@link org.ddsec.media.audio.Wav}), conversion of
 * any PCM rate and channel count to 8 kHz mono ({@link org.ddsec.media.audio.AudioConversion}),
 * G.711 µ-law and A-law bit-exact to the ITU-T reference ({@link org.ddsec.media.audio.G711}) and
 * 20 ms framing ({@link org.ddsec.media.audio.Frames}). Works on arrays and caller-owned streams.
 */
package org.ddsec.media.audio;
