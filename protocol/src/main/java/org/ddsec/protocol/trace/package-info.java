/**
 * What the roles report about the messages they exchange, so that a flow can be drawn as a
 * ladder diagram numbered like the seed's figures. Events carry names and payload summaries only,
 * never key material.
 */
package org.ddsec.protocol.trace;
