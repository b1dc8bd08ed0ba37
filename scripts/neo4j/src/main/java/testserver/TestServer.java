package testserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * In-process Neo4j Community test server (neo4j-harness) for the test suite.
 *
 * Usage: java -cp target/classes:target/lib/* testserver.TestServer [port]
 * Port: first argument, else env NEO4J_BOLT_PORT, else (or when 0) a free ephemeral port; never 7687 by
 * default, which is where a user's own Neo4j listens.
 * Bolt listens on 127.0.0.1 only, auth is disabled, HTTP/HTTPS are disabled.
 * Once ready, prints exactly one line "bolt://127.0.0.1:PORT" on stdout, then runs until killed.
 * The database lives in a temporary directory that is deleted on shutdown.
 */
public final class TestServer {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int port = choosePort(args);

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .withConfig(HttpConnector.enabled, false)
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                // a test server: stop quickly instead of Netty's default graceful 5 s quiet period / 15 s timeout
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, java.time.Duration.ofSeconds(2))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                neo4j.close();
            } catch (Throwable t) {
                System.err.println("error while stopping Neo4j: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        String version = neo4j.defaultDatabaseService()
                .executeTransactionally("CALL dbms.components() YIELD versions RETURN versions[0] AS v", java.util.Map.of(),
                        r -> String.valueOf(r.next().get("v")));
        System.err.println("Neo4j " + version + " Community (in-process harness) ready");
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
