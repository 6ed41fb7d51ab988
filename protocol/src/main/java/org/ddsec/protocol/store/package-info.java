/** Storage interfaces shared by every solution's roles (DESIGN.md §4), with in-memory implementations. */
package org.ddsec.protocol.store;
