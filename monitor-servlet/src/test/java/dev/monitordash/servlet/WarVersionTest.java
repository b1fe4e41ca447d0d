package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.ExplodedWar;
import dev.monitordash.servlet.testing.JettyWebapps;
import dev.monitordash.servlet.testing.TomcatWebapps;
import dev.monitordash.servlet.testing.WarContainer;
import dev.monitordash.servlet.testing.war.ProbeServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A deployed WAR has no git working tree: its version comes from what its build wrote into it, read by the
 * application's own copy of MonitorDash in a real container. The WAR's manifest is a resource of the servlet
 * context (its root), which no class loader serves; git.properties is on its class path (WEB-INF/classes).
 */
class WarVersionTest {

    @TempDir
    Path temp;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ExplodedWar war(String name) {
        Properties properties = new Properties();
        properties.setProperty("monitordash.database", "jdbc:sqlite:" + temp.resolve(name + ".db"));
        return ExplodedWar.build(temp.resolve(name), properties, ProbeServlet.class);
    }

    private Map<String, String> stats(WarContainer container, String context) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(container.uri(context + "/stats"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().lines().map(l -> l.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    @Test
    void aWarOnTomcatIsTaggedWithItsManifestsImplementationVersion() throws Exception {
        try (WarContainer tomcat = new TomcatWebapps(temp.resolve("tomcat"))) {
            tomcat.deployWar("/shop", war("shop").withManifest("7.3.1"));

            Map<String, String> stats = stats(tomcat, "/shop");

            assertEquals("7.3.1", stats.get("version"));
            assertEquals("MANIFEST", stats.get("versionSource"));
        }
    }

    @Test
    void aWarsGitPropertiesWinOverItsManifest() throws Exception {
        try (WarContainer tomcat = new TomcatWebapps(temp.resolve("tomcat"))) {
            tomcat.deployWar("/shop", war("shop").withManifest("7.3.1").withClassPathFile("git.properties",
                    "git.commit.id=3f2a9c1d0e5b7a8c9d0e1f2a3b4c5d6e7f8a9b0c\ngit.commit.id.abbrev=3f2a9c1\n"
                            + "git.tags=v7.3.1\ngit.commit.time=2025-06-01T10\\:00\\:00+0000\n"));

            Map<String, String> stats = stats(tomcat, "/shop");

            assertEquals("v7.3.1", stats.get("version"));
            assertEquals("GIT_PROPERTIES", stats.get("versionSource"));
        }
    }

    @Test
    void aWarOnJettyIsTaggedWithItsManifestsImplementationVersion() throws Exception {
        try (WarContainer jetty = new JettyWebapps()) {
            jetty.deployWar("/shop", war("shop").withManifest("7.3.2").withBindingListener(ProbeServlet.Binding.class));

            assertEquals("7.3.2", stats(jetty, "/shop").get("version"));
        }
    }
}
