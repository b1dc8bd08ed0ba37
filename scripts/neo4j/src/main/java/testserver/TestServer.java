package testserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j Community test server for the test suite: the embedded database with its Bolt connector.
 *
 * Usage: java -cp target/classes:target/lib/* testserver.TestServer [port] [home]
 * Port: first argument, else env NEO4J_BOLT_PORT, else (or when 0) a free ephemeral port; never 7687 by
 * default, which is where a user's own Neo4j listens.
 * Bolt listens on 127.0.0.1 only, auth is disabled, HTTP/HTTPS are disabled.
 * Once ready, prints exactly one line "bolt://127.0.0.1:PORT" on stdout, then runs until killed.
 * The database lives in the home folder (second argument, else env NEO4J_HOME_DIR, else
 * ./neo4j-home) and survives a restart, also after kill -9 (recovered from the transaction log on
 * start): a test that restarts the server mid-load sees what was committed, as with a real server.
 * LOAD CSV may read file URLs anywhere (no import root), so the tests prove that the console's
 * checks, not the server's configuration, keep a console query from reading files.
 */
public final class TestServer {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int port = choosePort(args);

        Path home = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault("NEO4J_HOME_DIR", "neo4j-home")).toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.allow_file_urls, true)
                // Deleted test data need not be kept in the transaction log for long.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // a test server: stop quickly instead of Netty's default graceful 5 s quiet period / 15 s timeout
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, java.time.Duration.ofSeconds(2))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                System.err.println("error while stopping Neo4j: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        String version = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                .executeTransactionally("CALL dbms.components() YIELD versions RETURN versions[0] AS v", java.util.Map.of(),
                        r -> String.valueOf(r.next().get("v")));
        System.err.println("Neo4j " + version + " Community (embedded, data in " + home + ") ready");
        System.out.println("bolt://" + HOST + ":" + port);
        System.out.flush();

        stopped.await();
    }

    private static int choosePort(String[] args) throws IOException {
        String requested = args.length > 0 ? args[0] : System.getenv("NEO4J_BOLT_PORT");
        if (requested != null && !requested.isBlank()) {
            int p;
            try {
                p = Integer.parseInt(requested.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port: " + requested);
            }
            if (p < 0 || p > 65535) throw new IllegalArgumentException("invalid port: " + requested);
            if (p != 0) {
                // A server killed a moment ago may still hold the port while the kernel tears it
                // down (its memory goes before its sockets): wait for it rather than fail a restart.
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!isFree(p) && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                if (!isFree(p)) {
                    System.err.println("port " + p + " on " + HOST + " is already in use");
                    System.exit(2);
                }
                return p;
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
