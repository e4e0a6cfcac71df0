package org.chairside.dashboard;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which file of the dashboard a request path names, and how it is typed. Only the page's own files are reachable: the
 * two pages, and what lies under {@code assets/} in plain names (no dot files, no {@code ..}, nothing outside).
 */
final class AssetPath {
    private static final Pattern ASSET = Pattern.compile("/assets(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private AssetPath() {
    }

    /** The file's name under the dashboard's directory, or empty when the path names none of its files. */
    static Optional<String> file(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return switch (path) {
            case "/", "/index.html" -> Optional.of("index.html");
            case "/login.html" -> Optional.of("login.html");
            default -> ASSET.matcher(path).matches() && !path.contains("..") ? Optional.of(path.substring(1)) : Optional.empty();
        };
    }

    /** The Content-Type to send the file with; text in UTF-8, as the files are written. */
    static String contentType(String file) {
        String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase();
        return switch (ext) {
            case "html" -> "text/html;charset=UTF-8";
            case "js" -> "text/javascript;charset=UTF-8";
            case "css" -> "text/css;charset=UTF-8";
            case "svg" -> "image/svg+xml";
            case "wav" -> "audio/wav";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }
}
