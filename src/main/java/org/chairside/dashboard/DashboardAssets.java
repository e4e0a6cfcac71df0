package org.chairside.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the dashboard's pages, scripts, styles and tones (under {@code src/main/resources/dashboard}) from memory.
 *
 * <p>Not Quarkus's handler for {@code META-INF/resources}: that one resolves files through Vert.x, which unpacks the
 * requested file's parent directories from the class path into its file cache, and in the one-jar build the parent
 * {@code META-INF} holds every dependency's metadata. The first page after each start waited about three seconds
 * while 3,600 files were copied out of the jar. Here each file is read from the class path once, at its first request.
 *
 * <p>Sent with {@code Cache-Control: no-cache} and an ETag: a browser asks again on every load and gets a 304 while the
 * file is unchanged, so after an upgrade every screen runs the new scripts with the new server (the handler before
 * marked them immutable for a day).
 */
@ApplicationScoped
public class DashboardAssets {
    static final String ROOT = "dashboard/";

    private record Asset(Buffer body, String contentType, String etag) {
    }

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();
    // In dev mode the files change under a running server.
    private final boolean remember = LaunchMode.current() != LaunchMode.DEVELOPMENT;

    void register(@Observes Router router) {
        // Plain paths, not a pattern: every request, the charting's too, is matched against these routes first.
        for (String path : List.of("/", "/index.html", "/login.html", "/assets/*")) {
            router.route(path).handler(this::serve);
        }
    }

    private void serve(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        Optional<String> file = AssetPath.file(rc.normalizedPath());
        if (file.isEmpty() || !(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))) {
            rc.next();
            return;
        }
        Asset known = remember ? loaded.get(file.get()) : null;
        if (known != null) {
            send(rc, known);
            return;
        }
        rc.vertx().executeBlocking(() -> load(file.get()), false).onComplete(result -> {
            if (result.failed()) {
                rc.fail(result.cause());
            } else if (result.result().isEmpty()) {
                rc.next();
            } else {
                Asset asset = result.result().get();
                if (remember) {
                    loaded.putIfAbsent(file.get(), asset);
                }
                send(rc, asset);
            }
        });
    }

    private static void send(RoutingContext rc, Asset asset) {
        HttpServerResponse response = rc.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader("X-Content-Type-Options", "nosniff");
        if (asset.etag().equals(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType());
        if (rc.request().method().equals(HttpMethod.HEAD)) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(asset.body().length())).end();
        } else {
            response.end(asset.body());
        }
    }

    private static Optional<Asset> load(String file) {
        try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(Buffer.buffer(bytes), AssetPath.contentType(file), etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
