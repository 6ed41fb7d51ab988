/**
 * What every solution's in-memory world shares: a hand-driven clock, envelopes and an in-memory
 * network with fault injection (drop, alter, duplicate, reorder), and the typed refusals parties
 * report. The worlds (e.g. {@code ibakedd.flow.IbakeDdWorld}) wire real role objects to it.
 */
package org.ddsec.protocol.flow;
