package dev.monitordash.core.record;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import dev.monitordash.core.testing.UnwritableSqliteFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** "Store down" is the SQLite file made really unwritable, even for root (see {@link UnwritableSqliteFile}). */
class SqliteRecordPipelineTest extends RecordPipelineContract {

    @TempDir
    Path dir;

    private UnwritableSqliteFile outage;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }

    @Override
    protected String url() {
        String url = database().freshUrl();
        outage = new UnwritableSqliteFile(UnwritableSqliteFile.pathOf(url));
        return url;
    }

    @Override
    protected void takeStoreDown() throws Exception {
        outage.takeDown();
    }

    @Override
    protected void bringStoreBack() throws Exception {
        outage.bringBack();
    }

    @AfterEach
    void leaveFilesWritable() throws Exception {
        outage.close();
    }
}
