package dev.liaison.web.problem;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Refuses a request whose path or query carries the NUL character ({@code %00}) before anything looks it up: PostgreSQL
 * cannot hold NUL in text and fails the query ({@code invalid byte sequence for encoding "UTF8": 0x00}, which pgjdbc
 * leaves to the application, pgjdbc#665), so such an id would otherwise end as a 500. The query string is read raw,
 * never through {@code getParameter}, which would consume a form body the webhook servlet and RESTEasy still need.
 * Public because the servlet container instantiates it.
 */
@WebFilter(urlPatterns = "/*")
public class NulCharacterFilter implements Filter {

    private static final String ENCODED_NUL = "%00";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<String> field = fieldWithNul(http.getRequestURI(), http.getQueryString());
        if (field.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Problem problem = ProblemException.invalid(field.get(), "must not contain the NUL character (%00)")
                .toProblem(http.getRequestURI());
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(problem.status());
        answer.setContentType(Problem.MEDIA_TYPE);
        answer.getOutputStream().write(ProblemJson.write(problem).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code path}, or the name of the first query parameter with a NUL in it; empty when there is none. */
    static Optional<String> fieldWithNul(String rawPath, String rawQuery) {
        if (rawPath != null && rawPath.contains(ENCODED_NUL)) {
            return Optional.of("path");
        }
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String parameter : rawQuery.split("&")) {
            if (parameter.contains(ENCODED_NUL)) {
                return Optional.of(decoded(parameter.split("=", 2)[0].replace(ENCODED_NUL, "")));
            }
        }
        return Optional.empty();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
