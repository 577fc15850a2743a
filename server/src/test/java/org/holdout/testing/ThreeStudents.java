package org.holdout.testing;

import java.nio.file.Path;
import org.holdout.account.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of tests through real HTTP on a fresh {@link TestServer} each test, with three students (ann, ben, cid) and
 * one staff member (ta) logged in.
 */
public abstract class ThreeStudents {
    @TempDir
    protected Path dir;
    protected TestServer server;
    protected Client ann;
    protected Client ben;
    protected Client cid;
    protected Client ta;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestServer(dir);
        ann = server.login("ann", Role.STUDENT);
        ben = server.login("ben", Role.STUDENT);
        cid = server.login("cid", Role.STUDENT);
        ta = server.login("ta", Role.STAFF);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
