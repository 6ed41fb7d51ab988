package org.ddsec.server.store;

/** The database failed or cannot be reached; the message names the operation, never a key. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String operation, Throwable cause) {
    super(operation + ": " + cause.getMessage(), cause);
  }
}
