package org.holdout.db;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.slf4j.LoggerFactory;

/**
 * Finishes the transactions an embedded H2 store was killed in the middle of committing.
 *
 * <p>A store written while a transaction commits can hold that transaction's undo log already marked committed
 * and its rows not yet rewritten as committed. On open, H2 registers such a transaction as COMMITTED, but since
 * 2.5 its {@code endLeftoverTransactions()} calls {@code Transaction.commit()}, which does nothing for a
 * transaction that is already COMMITTED: the transaction stays registered forever, its rows read as they were
 * before it, and any statement that writes one of them spins in {@code TransactionMap.set} (the blocker looks
 * ended, so the wait returns at once, and the row is still the blocker's). Here they are committed and closed
 * the way H2 itself recovers them ({@code TransactionStore.commit(t, true)}, then {@code endTransaction}).
 */
final class H2Leftovers {
    private H2Leftovers() {
    }

    /**
     * Commits and closes every leftover COMMITTED transaction of the database {@code c} is connected to; to be
     * called on the first connection, before any other session can write. Returns how many there were.
     */
    static int finish(Connection c) throws SQLException {
        if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return 0;
        }
        TransactionStore store = session.getDatabase().getStore().getTransactionStore();
        int n = 0;
        for (Transaction t : store.getOpenTransactions()) {
            if (t.getStatus() == Transaction.STATUS_COMMITTED && ownerId(t) == 0) {
                invoke(store, "commit", t, true);
                invoke(store, "endTransaction", t, true);
                n++;
            }
        }
        if (n > 0) {
            LoggerFactory.getLogger(H2Leftovers.class).warn(
                    "finished {} transaction(s) H2 was committing when it was stopped", n);
        }
        return n;
    }

    /** 0 for a transaction H2 found in the store when opening it, a session's id for every other one. */
    private static int ownerId(Transaction t) {
        try {
            Field f = Transaction.class.getDeclaredField("ownerId");
            f.setAccessible(true);
            return f.getInt(t);
        } catch (ReflectiveOperationException e) {
            throw unsupported(e);
        }
    }

    private static void invoke(TransactionStore store, String name, Transaction t, boolean flag) {
        try {
            Method m = TransactionStore.class.getDeclaredMethod(name, Transaction.class, boolean.class);
            m.setAccessible(true);
            m.invoke(store, t, flag);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw unsupported(e);
        }
    }

    private static IllegalStateException unsupported(Exception e) {
        return new IllegalStateException("this H2 version left a transaction half-committed after a crash and"
                + " H2Leftovers cannot finish it (its internals changed); starting would hang on its rows", e);
    }
}
