package dev.monitordash.ui.support;

import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An application's servlet in a real Jetty 12 on a free loopback port, so work it does runs on the
 * container's request threads, under the same 25-60 container frames as in a deployed application.
 */
public final class AppInJetty implements AutoCloseable {

    private final Server server;
    private final URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    private AppInJetty(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /** Serves the servlet at {@code mapping} (e.g. {@code /reports/*}). */
    public static AppInJetty start(String mapping, HttpServlet servlet) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), mapping);
        server.setHandler(context);
        server.start();
        return new AppInJetty(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /** GETs the path and fails unless the application answered with a 2xx status. */
    public void get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new AssertionError("GET " + path + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
