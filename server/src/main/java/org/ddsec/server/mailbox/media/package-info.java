/**
 * File-backed storage of deferred voice messages for the mailbox: atomic deposit of a pcap
 * capture and its stored-message metadata ({@link
 * org.ddsec.server.mailbox.media.FileStoredMessageStore}). The formats live in {@code
 * org.ddsec.media.capture}; this package only adds files, fsync and atomic renames.
 */
package org.ddsec.server.mailbox.media;
