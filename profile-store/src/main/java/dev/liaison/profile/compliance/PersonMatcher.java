package dev.liaison.profile.compliance;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does a stored text (a raw webhook payload, an outbox payload, a routing trace) mention the person? Payloads hold
 * identifiers as their source wrote them, so phones are recognised as numbers, not strings: {@code 8 903 145-34-55},
 * {@code +7 (903) 145 34 55} and {@code 79031453455} are all {@code +79031453455}. Form-encoded and JSON-escaped
 * payloads are decoded before looking. A name counts when both its parts appear, since a first name alone is
 * shared by too many people to erase on.
 */
final class PersonMatcher {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d[\\d\\s().\\-]{5,}\\d");
    private static final int SHORTEST_NAME_PART = 2;

    private final Set<String> needles = new HashSet<>();
    private final Set<String> phones = new HashSet<>();
    private final List<String[]> nameParts = new ArrayList<>();
    private final String region;
    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

    PersonMatcher(SubjectSnapshot subject, String phoneRegion) {
        this.region = phoneRegion;
        for (Identity identity : subject.identities()) {
            if (identity.kind() == IdentityKind.PHONE) {
                phones.add(identity.value());
                needles.add(identity.value().toLowerCase(Locale.ROOT));
            } else if (identity.kind() == IdentityKind.EMAIL) {
                needles.add(identity.value().toLowerCase(Locale.ROOT));
            }
        }
        subject.profileIds().forEach(needles::add);
        for (SubjectSnapshot.Name name : subject.names()) {
            String first = lower(name.first());
            String last = lower(name.last());
            if (first.length() >= SHORTEST_NAME_PART && last.length() >= SHORTEST_NAME_PART) {
                nameParts.add(new String[] {first, last});
            }
        }
    }

    boolean mentions(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (String variant : variants(text)) {
            if (mentionsIn(variant)) {
                return true;
            }
        }
        return false;
    }

    private boolean mentionsIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String needle : needles) {
            if (lower.contains(needle)) {
                return true;
            }
        }
        for (String[] name : nameParts) {
            if (lower.contains(name[0]) && lower.contains(name[1])) {
                return true;
            }
        }
        return !phones.isEmpty() && DIGIT_RUN.matcher(text).find() && mentionsPhone(text);
    }

    private boolean mentionsPhone(String text) {
        for (PhoneNumberMatch match : phoneNumbers.findNumbers(text, region, PhoneNumberUtil.Leniency.POSSIBLE,
                Long.MAX_VALUE)) {
            if (phones.contains(phoneNumbers.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> variants(String text) {
        List<String> variants = new ArrayList<>(List.of(text));
        if (text.indexOf('%') >= 0 || text.indexOf('+') >= 0) {
            try {
                variants.add(URLDecoder.decode(text, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // Not form-encoded after all: the raw text is all there is to search.
            }
        }
        if (text.contains("\\u")) {
            Matcher escape = UNICODE_ESCAPE.matcher(text);
            StringBuilder unescaped = new StringBuilder();
            while (escape.find()) {
                escape.appendReplacement(unescaped, Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
            }
            escape.appendTail(unescaped);
            variants.add(unescaped.toString());
        }
        return variants;
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }
}
