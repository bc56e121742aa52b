package dev.liaison.profile.compliance;

import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.profile.identity.Identity;
import dev.liaison.profile.identity.IdentityKind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What execution needs to know about the person in clear: the identifiers the request named, and once the local
 * step has run, the profiles found and every identity and name they held. Only ever stored sealed, and dropped
 * when the request is closed.
 *
 * @param corrections the attribute values a RECTIFY request writes, by attribute name
 */
public record SubjectSnapshot(List<Identity> submitted, List<String> profileIds, List<Identity> identities,
                              List<Name> names, Map<String, String> corrections) {

    /** A name as the profile held it; either part may be null. */
    public record Name(String first, String last) {
    }

    public SubjectSnapshot {
        submitted = List.copyOf(submitted);
        profileIds = List.copyOf(profileIds);
        identities = List.copyOf(identities);
        names = List.copyOf(names);
        corrections = Map.copyOf(corrections);
    }

    public static SubjectSnapshot submitted(List<Identity> submitted, Map<String, String> corrections) {
        return new SubjectSnapshot(submitted, List.of(), submitted, List.of(), corrections);
    }

    public SubjectSnapshot withProfiles(List<String> profiles, List<Identity> held, List<Name> heldNames) {
        Set<Identity> all = new LinkedHashSet<>(submitted);
        all.addAll(held);
        return new SubjectSnapshot(submitted, profiles, List.copyOf(all), heldNames, corrections);
    }

    /** What a connector's eraser or exporter gets: e-mails, phones and the records known in its systems. */
    public SubjectIdentifiers identifiers() {
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<ExternalRef> refs = new ArrayList<>();
        for (Identity identity : identities) {
            switch (identity.kind()) {
                case EMAIL -> emails.add(identity.value());
                case PHONE -> phones.add(identity.value());
                case EXTERNAL -> identity.externalRef().ifPresent(refs::add);
            }
        }
        return new SubjectIdentifiers(emails, phones, refs);
    }

    /** The connections that sent Liaison records of this person. */
    public Set<String> sourceConnections() {
        Set<String> connections = new LinkedHashSet<>();
        identifiers().externalRefs().forEach(ref -> connections.add(ref.connectionId()));
        return connections;
    }

    public String toJson() {
        JsonObjectBuilder root = Json.createObjectBuilder();
        JsonArrayBuilder nameList = Json.createArrayBuilder();
        for (Name name : this.names) {
            JsonObjectBuilder item = Json.createObjectBuilder();
            if (name.first() != null) {
                item.add("first", name.first());
            }
            if (name.last() != null) {
                item.add("last", name.last());
            }
            nameList.add(item);
        }
        JsonObjectBuilder corrected = Json.createObjectBuilder();
        corrections.forEach(corrected::add);
        JsonArrayBuilder profiles = Json.createArrayBuilder();
        profileIds.forEach(profiles::add);
        return root.add("submitted", identities(submitted)).add("profiles", profiles)
                .add("identities", identities(identities)).add("names", nameList).add("corrections", corrected)
                .build().toString();
    }

    public static SubjectSnapshot fromJson(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            List<Name> names = object.getJsonArray("names").getValuesAs(JsonObject.class).stream()
                    .map(name -> new Name(name.getString("first", null), name.getString("last", null))).toList();
            Map<String, String> corrections = new LinkedHashMap<>();
            object.getJsonObject("corrections").forEach((name, value) ->
                    corrections.put(name, ((JsonString) value).getString()));
            return new SubjectSnapshot(identities(object, "submitted"),
                    object.getJsonArray("profiles").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString).toList(),
                    identities(object, "identities"), names, corrections);
        }
    }

    private static JsonArrayBuilder identities(List<Identity> identities) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        identities.forEach(identity -> array.add(Json.createObjectBuilder().add("kind", identity.kind().name())
                .add("value", identity.value())));
        return array;
    }

    private static List<Identity> identities(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonObject.class).stream()
                .map(item -> new Identity(IdentityKind.valueOf(item.getString("kind")), item.getString("value")))
                .toList();
    }
}
