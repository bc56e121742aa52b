package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.MalformedPayloadException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a pull of one amoCRM account stands: the list being read (contacts first, so that leads find their
 * contacts known; the deletion events last), the next page of it, and per list the watermark this run filters from
 * and the highest seen so far ({@code updated_at} of records, {@code created_at} of events). When the last list ends,
 * the highest seen become the next run's watermarks. Stored as text, e.g.
 * {@code v1;stream=leads;page=3;contacts=0-1700000500;leads=0-1690000000;events=0-0}; a cursor stored before the
 * events were read has no {@code events} part and reads them from the beginning.
 */
record SyncCursor(Stream stream, int page, Map<Stream, Watermark> watermarks) {

    enum Stream {
        CONTACTS("contacts", null), LEADS("leads", "contacts"), EVENTS("events", null);

        private final String resource;
        private final String with;

        Stream(String resource, String with) {
            this.resource = resource;
            this.with = with;
        }

        String resource() {
            return resource;
        }

        /** What amoCRM embeds in each record of the page ({@code with=}); null for nothing. */
        String with() {
            return with;
        }
    }

    /** {@code from}: the filter of this run (0 = everything); {@code high}: the latest {@code updated_at} seen. */
    record Watermark(long from, long high) {
    }

    static final SyncCursor START = new SyncCursor(Stream.CONTACTS, 1, Map.of());

    SyncCursor {
        Map<Stream, Watermark> complete = new EnumMap<>(Stream.class);
        for (Stream each : Stream.values()) {
            complete.put(each, watermarks.getOrDefault(each, new Watermark(0, 0)));
        }
        watermarks = Map.copyOf(complete);
    }

    static SyncCursor parse(String cursor) throws MalformedPayloadException {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        String[] parts = cursor.split(";");
        boolean beforeEvents = parts.length == 2 + Stream.values().length;
        if (parts.length != 3 + Stream.values().length && !beforeEvents || !"v1".equals(parts[0])) {
            throw invalid();
        }
        try {
            Stream stream = Stream.valueOf(value(parts[1], "stream").toUpperCase(Locale.ROOT));
            int page = Integer.parseInt(value(parts[2], "page"));
            Map<Stream, Watermark> watermarks = new EnumMap<>(Stream.class);
            for (int i = 0; i < parts.length - 3; i++) {
                Stream each = Stream.values()[i];
                String[] range = value(parts[3 + i], each.resource()).split("-");
                if (range.length != 2) {
                    throw invalid();
                }
                watermarks.put(each, new Watermark(Long.parseLong(range[0]), Long.parseLong(range[1])));
            }
            if (page < 1) {
                throw invalid();
            }
            return new SyncCursor(stream, page, watermarks);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    Watermark current() {
        return watermarks.get(stream);
    }

    /** The same list, next page, with the highest {@code updated_at} seen raised to {@code high}. */
    SyncCursor nextPage(long high) {
        return new SyncCursor(stream, page + 1, raised(high));
    }

    /** @return the first page of the next list, or {@code null} when this was the last list */
    SyncCursor nextStream(long high) {
        if (stream.ordinal() + 1 == Stream.values().length) {
            return null;
        }
        return new SyncCursor(Stream.values()[stream.ordinal() + 1], 1, raised(high));
    }

    /** The start of the next incremental run: every list filtered from the latest {@code updated_at} it showed. */
    SyncCursor nextRun(long high) {
        Map<Stream, Watermark> next = new EnumMap<>(Stream.class);
        raised(high).forEach((each, mark) -> next.put(each, new Watermark(mark.high(), mark.high())));
        return new SyncCursor(Stream.values()[0], 1, next);
    }

    String encode() {
        StringBuilder text = new StringBuilder("v1;stream=").append(stream.resource()).append(";page=").append(page);
        for (Stream each : Stream.values()) {
            Watermark mark = watermarks.get(each);
            text.append(';').append(each.resource()).append('=').append(mark.from()).append('-').append(mark.high());
        }
        return text.toString();
    }

    private Map<Stream, Watermark> raised(long high) {
        Map<Stream, Watermark> raised = new EnumMap<>(watermarks);
        Watermark mark = current();
        raised.put(stream, new Watermark(mark.from(), Math.max(mark.high(), high)));
        return raised;
    }

    private static String value(String part, String name) {
        if (!part.startsWith(name + "=")) {
            throw new IllegalArgumentException(name);
        }
        return part.substring(name.length() + 1);
    }

    private static MalformedPayloadException invalid() {
        return new MalformedPayloadException("the sync cursor is not a version 1 amoCRM cursor");
    }
}
