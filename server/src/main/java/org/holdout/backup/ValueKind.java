package org.holdout.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;

/**
 * How one column's values are written in a table's JSON lines and bound again on restore. Numbers and booleans are
 * JSON's own (a double keeps every bit: Java prints the shortest text that parses back to it; NaN and the
 * infinities are strings), the rest are strings: decimals exactly, bytes in base64, dates and times in ISO-8601.
 */
enum ValueKind {
    LONG, DOUBLE, BOOLEAN, STRING, DECIMAL, BYTES, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ;

    /** The kind for a column of this JDBC type, or null when the backup cannot carry it. */
    static ValueKind of(int sqlType, String typeName) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> LONG;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> STRING;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            // PostgreSQL's driver reports timestamptz as TIMESTAMP; only its name tells them apart
            case Types.TIMESTAMP -> "timestamptz".equalsIgnoreCase(typeName) ? TIMESTAMP_TZ : TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            default -> null;
        };
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ValueKind parse(String id) {
        for (ValueKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }

    void write(ResultSet rs, int column, JsonGenerator g) throws SQLException, IOException {
        switch (this) {
            case LONG -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            case DOUBLE -> {
                double v = rs.getDouble(column);
                if (rs.wasNull()) {
                    g.writeNull();
                } else if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeString(Double.toString(v));
                }
            }
            case BOOLEAN -> {
                boolean v = rs.getBoolean(column);
                if (rs.wasNull()) {
                    g.writeNull();
                } else {
                    g.writeBoolean(v);
                }
            }
            case STRING -> text(g, rs.getString(column));
            case DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(column);
                text(g, v == null ? null : v.toString());
            }
            case BYTES -> {
                byte[] v = rs.getBytes(column);
                text(g, v == null ? null : Base64.getEncoder().encodeToString(v));
            }
            case DATE -> text(g, rs.getObject(column, LocalDate.class));
            case TIME -> text(g, rs.getObject(column, LocalTime.class));
            case TIMESTAMP -> text(g, rs.getObject(column, LocalDateTime.class));
            case TIMESTAMP_TZ -> text(g, rs.getObject(column, OffsetDateTime.class));
            default -> throw new IllegalStateException(name());
        }
    }

    private static void text(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /**
     * Binds a value read back from JSON; {@code targetType} is the restoring database's JDBC type of the column.
     * A value of the wrong JSON type is an {@link IllegalArgumentException}.
     */
    void bind(PreparedStatement ps, int index, JsonNode v, int targetType) throws SQLException {
        if (v == null || v.isNull()) {
            ps.setNull(index, targetType);
            return;
        }
        switch (this) {
            case LONG -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new IllegalArgumentException("expected a whole number, found " + v);
                }
                ps.setLong(index, v.longValue());
            }
            case DOUBLE -> {
                if (v.isNumber()) {
                    ps.setDouble(index, v.doubleValue());
                } else if (v.isTextual() && v.textValue().matches("NaN|-?Infinity")) {
                    ps.setDouble(index, Double.parseDouble(v.textValue()));
                } else {
                    throw new IllegalArgumentException("expected a number, found " + v);
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false, found " + v);
                }
                ps.setBoolean(index, v.booleanValue());
            }
            case STRING -> ps.setString(index, text(v));
            case DECIMAL -> ps.setBigDecimal(index, new BigDecimal(text(v)));
            case BYTES -> ps.setBytes(index, Base64.getDecoder().decode(text(v)));
            case DATE -> ps.setObject(index, LocalDate.parse(text(v)));
            case TIME -> ps.setObject(index, LocalTime.parse(text(v)));
            case TIMESTAMP -> ps.setObject(index, LocalDateTime.parse(text(v)));
            case TIMESTAMP_TZ -> ps.setObject(index, OffsetDateTime.parse(text(v)));
            default -> throw new IllegalStateException(name());
        }
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("expected a string, found " + v);
        }
        return v.textValue();
    }
}
