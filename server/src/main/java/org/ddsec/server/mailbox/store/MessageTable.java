package org.ddsec.server.mailbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.server.store.Database;
import org.ddsec.server.store.StoreException;

/**
 * What the mailbox's two message tables ({@code mailbox_message} of KMS-DD, {@code ibake_message}
 * of IBAKE-DD) share: the msg-id key, the recipient column {@code id_b}, arrival order {@code seq},
 * the media columns — and so the queries by key, by recipients, of media ids, and the count.
 * The column lists and the row types are the stores' own.
 */
final class MessageTable<T> {

  /** One row, from the columns in the order {@code columns} names them. */
  interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  private final Database db;
  private final String table;
  private final String columns;
  private final Row<T> row;
  private final String what;

  /** @param what what a row is, for error messages ("deposit", "IBAKE message") */
  MessageTable(Database db, String table, String columns, Row<T> row, String what) {
    this.db = Objects.requireNonNull(db, "db");
    this.table = Objects.requireNonNull(table, "table");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.row = Objects.requireNonNull(row, "row");
    this.what = Objects.requireNonNull(what, "what");
  }

  /** Inserts one row in one statement; {@code bind} sets the values of {@code columns}. */
  void insert(Bytes msgId, Binder bind) {
    String marks = String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement i = c.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")")) {
      bind.bind(i);
      i.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) { // unique violation (H2 and PostgreSQL)
        throw new IllegalStateException(what + " " + msgId.hex() + " exists");
      }
      throw new StoreException("store " + what, e);
    }
  }

  /** Sets an INSERT's parameters. */
  interface Binder {
    void bind(PreparedStatement insert) throws SQLException;
  }

  Optional<T> find(Bytes msgId) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE msg_id = ?")) {
      q.setBytes(1, msgId.toByteArray());
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Optional.of(row.read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("find " + what, e);
    }
  }

  /** The rows for any of {@code recipients}, oldest first. */
  List<T> forRecipients(Collection<String> recipients) {
    if (recipients.isEmpty()) {
      return List.of();
    }
    String in = String.join(", ", Collections.nCopies(recipients.size(), "?"));
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE id_b IN (" + in + ") ORDER BY seq")) {
      int k = 1;
      for (String b : recipients) {
        q.setString(k++, b);
      }
      List<T> out = new ArrayList<>();
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(row.read(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("list " + what + "s", e);
    }
  }

  /** The media ids of every row that has media, oldest first. */
  List<String> mediaIds() {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT media_id FROM " + table + " WHERE media_id IS NOT NULL ORDER BY seq");
        ResultSet r = q.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("list " + what + " media ids", e);
    }
  }

  /** Removes a row; returns whether it existed. */
  boolean delete(Bytes msgId) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE msg_id = ?")) {
      d.setBytes(1, msgId.toByteArray());
      return d.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("delete " + what, e);
    }
  }

  int count() {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new StoreException("count " + what + "s", e);
    }
  }
}
