package dev.liaison.bench;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client of a benchmark's own calls (set-up, and the calls it measures): HTTP/1.1, 5 s to connect. */
final class BenchHttp {

    private BenchHttp() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
