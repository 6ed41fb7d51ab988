package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered, immutable list of {@code ;name[=value]} parameters (header parameters or URI
 * parameters). Names compare case-insensitively (RFC 3261 §7.3.1, §19.1.4); a parameter without a
 * value has a {@code null} value. Header parameter values keep their quotes if they were quoted.
 */
public final class Parameters {

  /** No parameters. */
  public static final Parameters NONE = new Parameters(List.of());

  /** One parameter; {@code value} is null for a flag such as {@code lr}. */
  public record Param(String name, String value) {
    public Param {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("parameter name: empty");
      }
    }

    @Override
    public String toString() {
      return value == null ? name : name + "=" + value;
    }
  }

  private final List<Param> params;

  private Parameters(List<Param> params) {
    this.params = List.copyOf(params);
  }

  public static Parameters of(List<Param> params) {
    return params.isEmpty() ? NONE : new Parameters(params);
  }

  public List<Param> list() {
    return params;
  }

  public boolean isEmpty() {
    return params.isEmpty();
  }

  public boolean has(String name) {
    for (Param p : params) {
      if (p.name.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code name}: empty if absent or if it is a flag without a value. */
  public Optional<String> get(String name) {
    for (Param p : params) {
      if (p.name.equalsIgnoreCase(name)) {
        return Optional.ofNullable(p.value);
      }
    }
    return Optional.empty();
  }

  /** These parameters with {@code name} set to {@code value} (replacing it, else appended). */
  public Parameters with(String name, String value) {
    List<Param> l = new ArrayList<>(params.size() + 1);
    boolean done = false;
    for (Param p : params) {
      if (p.name.equalsIgnoreCase(name)) {
        if (!done) {
          l.add(new Param(name, value));
          done = true;
        }
      } else {
        l.add(p);
      }
    }
    if (!done) {
      l.add(new Param(name, value));
    }
    return new Parameters(l);
  }

  public Parameters without(String name) {
    List<Param> l = new ArrayList<>(params.size());
    for (Param p : params) {
      if (!p.name.equalsIgnoreCase(name)) {
        l.add(p);
      }
    }
    return l.size() == params.size() ? this : of(l);
  }

  /**
   * Parses {@code *( SEMI generic-param )} (RFC 3261 §25.1): {@code gen-value = token / host /
   * quoted-string}. An empty parameter ({@code ;;}) is an error (RFC 4475 §3.1.2.1).
   */
  static Parameters parseHeaderParams(SipLexer lx) throws SipParseException {
    List<Param> l = new ArrayList<>();
    while (lx.trySeparator(';')) {
      String name = lx.token("parameter name");
      String value = null;
      if (lx.trySeparator('=')) {
        if (lx.peek() == '"') {
          value = lx.quotedString("parameter " + name);
        } else if (lx.peek() == '[') {
          value = Hosts.parseHost(lx, "parameter " + name);
        } else if (name.equalsIgnoreCase("received")) {
          // via-received = IPv4address / IPv6address (RFC 3261 §25.1): an IPv6 address has colons
          value = lx.span("parameter received value", c -> SipLexer.isTokenChar(c) || c == ':');
        } else {
          value = lx.token("parameter " + name + " value");
        }
      }
      l.add(new Param(name, value));
    }
    return of(l);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Parameters other) || other.params.size() != params.size()) {
      return false;
    }
    for (int i = 0; i < params.size(); i++) {
      Param a = params.get(i);
      Param b = other.params.get(i);
      if (!a.name.equalsIgnoreCase(b.name) || !Objects.equals(a.value, b.value)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Param p : params) {
      h = 31 * h + p.name.toLowerCase(Locale.ROOT).hashCode() + Objects.hashCode(p.value);
    }
    return h;
  }

  /** {@code ;a=1;b}, the header-parameter wire form. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Param p : params) {
      b.append(';').append(p);
    }
    return b.toString();
  }
}
