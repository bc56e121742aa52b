package dev.liaison.web.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The console speaks English and Russian: the one the user chose (a cookie), else the browser's first of the two. */
final class ConsoleLocale {

    static final String COOKIE = "liaison_lang";
    static final List<String> SUPPORTED = List.of("en", "ru");

    private ConsoleLocale() {
    }

    static String of(HttpServletRequest request) {
        String chosen = ConsoleGate.cookie(request, COOKIE);
        if (chosen != null && SUPPORTED.contains(chosen)) {
            return chosen;
        }
        for (Locale wanted : Collections.list(request.getLocales())) {
            if (SUPPORTED.contains(wanted.getLanguage())) {
                return wanted.getLanguage();
            }
        }
        return SUPPORTED.get(0);
    }
}
