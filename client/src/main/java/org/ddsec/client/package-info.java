/**
 * The UE client of DESIGN.md §4: GBA bootstrapping, SIP, SRTP streaming, mailbox and KMS
 * access. One of the three layers allowed to touch sockets, files and clocks.
 */
package org.ddsec.client;
