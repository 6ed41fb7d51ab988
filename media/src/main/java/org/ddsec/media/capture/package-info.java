/**
 * The stored-message format: SRTP packets exactly as they arrived, as a standard pcap capture of
 * UDP/IPv4 datagrams ({@link org.ddsec.media.capture.PcapWriter}, {@link
 * org.ddsec.media.capture.PcapReader}) that tshark and Wireshark open, plus a small text record
 * of what the recipient needs to decrypt them ({@link org.ddsec.media.capture.StoredMessageMetadata}:
 * suite, SSRC, ROC, first SEQ, arrival times, MIKEY crypto session, capture digest). {@link
 * org.ddsec.media.capture.StoredMessageRecorder} is the mailbox's sans-I/O ingest.
 */
package org.ddsec.media.capture;
