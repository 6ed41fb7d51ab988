/**
 * The network services of DESIGN.md §4 (BSF, KMS, IMS core, mailbox) and the storage adapters
 * (H2, PostgreSQL). They run the sans-I/O role logic of {@code protocol} unchanged; this is one
 * of the three layers allowed to touch sockets, files and clocks.
 */
package org.ddsec.server;
