package dev.liaison.connectors.sms;

import dev.liaison.connector.api.EventLimits;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS.ru status callback: form fields {@code data[0]}, {@code data[1]}, ... (up to 100), each a newline-separated
 * record {@code sms_status\n<sms_id>\n<status_code>\n<unix_ts>}. Records of other types (SMS.ru posts call-check
 * results the same way) are carried but yield no status. Some clients also see a {@code hash} field,
 * hex SHA-256 of api_id followed by the records in order; it is checked when present.
 */
record SmsRuCallback(List<String> records, Optional<String> hash) {

    static final String STATUS_RECORD = "sms_status";

    private static final Pattern DATA_KEY = Pattern.compile("data\\[([0-9]{1,3})\\]");

    /** One {@code sms_status} record. {@code at} is empty when SMS.ru left out the (unconfirmed) timestamp line. */
    record StatusRecord(String smsId, int code, Optional<Instant> at) {
    }

    static SmsRuCallback parse(Form form) throws MalformedPayloadException {
        record Indexed(int index, String value) {
        }

        List<Indexed> indexed = new ArrayList<>();
        for (Form.Param param : form.params()) {
            Matcher key = DATA_KEY.matcher(param.name());
            if (key.matches()) {
                indexed.add(new Indexed(Integer.parseInt(key.group(1)), param.value()));
            }
        }
        if (indexed.isEmpty()) {
            throw new MalformedPayloadException("the body holds no data[i] records, as SMS.ru callbacks do");
        }
        indexed.sort(Comparator.comparingInt(Indexed::index));
        return new SmsRuCallback(indexed.stream().map(Indexed::value).toList(), form.value("hash"));
    }

    boolean hashMatches(String apiId) {
        return hash.map(given -> MessageDigest.isEqual(
                        Digests.sha256Hex(apiId + String.join("", records)).getBytes(StandardCharsets.US_ASCII),
                        given.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)))
                .orElse(true);
    }

    List<StatusRecord> statuses() throws MalformedPayloadException {
        List<StatusRecord> statuses = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String[] lines = records.get(i).split("\r?\n");
            if (!STATUS_RECORD.equals(lines[0].trim())) {
                continue;
            }
            String where = "data[" + i + "]";
            if (lines.length < 3 || lines[1].isBlank()) {
                throw new MalformedPayloadException(where + " is not 'sms_status', sms_id, status code[, time] "
                        + "on separate lines");
            }
            int code;
            try {
                code = Integer.parseInt(lines[2].trim());
            } catch (NumberFormatException e) {
                throw new MalformedPayloadException(where + " has a status code that is not a number");
            }
            Optional<Instant> at = Optional.empty();
            if (lines.length > 3 && lines[3].trim().matches("[0-9]{1,12}")) {
                at = Optional.of(Instant.ofEpochSecond(Long.parseLong(lines[3].trim())));
                // Twelve digits reach the year 33658: refused here, at intake, like any event time out of bounds.
                Optional<String> problem = EventLimits.timeProblem(at.get());
                if (problem.isPresent()) {
                    throw new MalformedPayloadException(List.of(new InputViolation(where,
                            "has a time that " + problem.get())));
                }
            }
            statuses.add(new StatusRecord(lines[1].trim(), code, at));
        }
        return statuses;
    }
}
