package dev.livetodos.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A person's browser, as far as the issuer can tell: a cookie jar, HTML navigations, forms filled
 * in and submitted with their hidden fields (the CSRF token among them), redirects followed one
 * at a time so a test can stop at the page's own URL.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** A navigation: GET with the Accept header a browser sends for a page. */
    HttpResponse<String> open(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }

    /** Follows redirects from {@code response} until one leaves for {@code stopAt}'s origin (returned as is) or a page shows. */
    HttpResponse<String> follow(HttpResponse<String> response, URI stopAt) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            if (sameOrigin(next, stopAt)) {
                return current;
            }
            current = open(next);
        }
        return current;
    }

    /** Fills in the page's form (the first, or the one with the given action) and submits it. */
    HttpResponse<String> submit(HttpResponse<String> page, String action, Map<String, String> fields) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = action == null ? document.selectFirst("form")
                : document.select("form").stream().filter(f -> f.attr("action").equals(action)).findFirst().orElseThrow();
        if (form == null) {
            throw new AssertionError("no form on " + page.uri() + ": " + page.body());
        }
        return submitForm(form, fields);
    }

    /** Submits the page's n-th form (from 0). */
    HttpResponse<String> submit(HttpResponse<String> page, int index, Map<String, String> fields) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        return submitForm(document.select("form").get(index), fields);
    }

    private HttpResponse<String> submitForm(Element form, Map<String, String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        return post(URI.create(form.absUrl("action")), values, "text/html");
    }

    HttpResponse<String> post(URI uri, Map<String, String> fields, String accept) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int at = pair.indexOf('=');
                parameters.put(java.net.URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8),
                        at < 0 ? "" : java.net.URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equals(b.getHost()) && a.getPort() == b.getPort();
    }
}
