package org.ddsec.mikey;

/** A value of a MIKEY registry: its wire code and the name the RFC gives it. */
public interface CodePoint {
  int code();

  String rfcName();
}
