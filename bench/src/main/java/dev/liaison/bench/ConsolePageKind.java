package dev.liaison.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The console pages the benchmark asks for, each about loaded person {@code n}, with what the page must show to count:
 * a search by an identifier must find exactly that person, a person's page must be theirs. The sign-in form is the
 * ceiling: a console page rendered with the same layout, without a session to check or anything to look up.
 */
enum ConsolePageKind {

    SEARCH_EMAIL("search by e-mail") {
        @Override
        String path(long n, String connectionId) {
            return search(Population.email(n));
        }
    },
    /** Typed as a Russian agent would, so that every search pays for the normalisation to E.164. */
    SEARCH_PHONE("search by phone") {
        @Override
        String path(long n, String connectionId) {
            return search(Population.phoneNational(n));
        }
    },
    SEARCH_EXTERNAL("search by CRM reference") {
        @Override
        String path(long n, String connectionId) {
            return search(externalRef(n, connectionId));
        }
    },
    /** A thousand people share each last name ({@link PersonDetailsLoader#lastName}): a page of 25 of them. */
    SEARCH_NAME("search by last name") {
        @Override
        String path(long n, String connectionId) {
            return search(PersonDetailsLoader.lastName(n));
        }

        @Override
        boolean shows(String body, long n, String connectionId) {
            return body.contains("id=\"people\"") && body.contains("id=\"next-page\"")
                    && body.contains(" " + PersonDetailsLoader.lastName(n) + "</a>");
        }
    },
    /** The people list as the console opens it: the newest 25, and a link to the next page. */
    PEOPLE_LIST("people list, first page") {
        @Override
        String path(long n, String connectionId) {
            return "/console/people";
        }

        @Override
        boolean shows(String body, long n, String connectionId) {
            return body.contains("id=\"people\"") && body.contains("id=\"next-page\"");
        }
    },
    /** Most people have identities and attributes only. */
    PERSON("person page") {
        @Override
        String path(long n, String connectionId) {
            return "/console/people/" + Population.profileId(n);
        }

        @Override
        boolean shows(String body, long n, String connectionId) {
            return body.contains("<code>" + Population.profileId(n) + "</code>") && body.contains(Population.email(n))
                    && body.contains(PersonDetailsLoader.lastName(n));
        }
    },
    /** A person with consents, deals and a routed ticket ({@link PersonDetailsLoader#isFull}). */
    PERSON_FULL("person page, with consents, deals, ticket") {
        @Override
        String path(long n, String connectionId) {
            return PERSON.path(n, connectionId);
        }

        @Override
        boolean shows(String body, long n, String connectionId) {
            return PERSON.shows(body, n, connectionId) && body.contains("marketing_sms")
                    && body.contains(PersonDetailsLoader.DEAL_TITLE + " " + n + "-2")
                    && body.contains(PersonDetailsLoader.TICKET_SUBJECT + " " + n)
                    && body.contains("class=\"routing-rule\">" + PersonDetailsLoader.ROUTING_RULE);
        }
    },
    SIGN_IN_FORM("sign-in form (ceiling)") {
        @Override
        String path(long n, String connectionId) {
            return "/console/login";
        }

        @Override
        boolean shows(String body, long n, String connectionId) {
            return body.contains("name=\"_csrf\"");
        }
    };

    private final String label;

    ConsolePageKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract String path(long n, String connectionId);

    /** Whether a 200 page's body is the right one: for a search, one result, a link to person n's page. */
    boolean shows(String body, long n, String connectionId) {
        int link = body.indexOf("href=\"/console/people/" + Population.profileId(n) + "\"");
        return link >= 0 && body.indexOf("href=\"/console/people/", link + 1) < 0;
    }

    /** The person's record in the benchmark connection, as the console's search takes it: system|connection|id. */
    static String externalRef(long n, String connectionId) {
        return PopulationLoader.SOURCE_SYSTEM + "|" + connectionId + "|" + Population.externalId(n);
    }

    private static String search(String query) {
        return "/console/people?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }
}
