package dev.liaison.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connectors.email.EmailTemplates.Rendered;
import dev.liaison.connectors.email.EmailTemplates.TemplateFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTemplatesTest {

    static final Map<String, String> TIER = Map.of("firstName", "Анна", "tier", "Gold", "points", "1500");

    private final EmailTemplates shipped = new EmailTemplates(Locale.ENGLISH);

    @Test
    void theFallbackChainGoesFromTheMostSpecificTagToTheDefault() {
        assertThat(EmailTemplates.candidates("ru-RU", Locale.ENGLISH)).extracting(Locale::toLanguageTag)
                .containsExactly("ru-RU", "ru", "en");
        assertThat(EmailTemplates.candidates("sr-Latn-RS", Locale.ENGLISH)).extracting(Locale::toLanguageTag)
                .containsExactly("sr-Latn-RS", "sr-Latn", "sr-RS", "sr", "en");
        assertThat(EmailTemplates.candidates("ru_RU", Locale.ENGLISH)).extracting(Locale::toLanguageTag)
                .containsExactly("ru-RU", "ru", "en");
        assertThat(EmailTemplates.candidates("en-GB", Locale.ENGLISH)).extracting(Locale::toLanguageTag)
                .containsExactly("en-GB", "en");
        assertThat(EmailTemplates.candidates(null, Locale.ENGLISH)).extracting(Locale::toLanguageTag)
                .containsExactly("en");
        assertThat(EmailTemplates.candidates("", Locale.forLanguageTag("ru"))).extracting(Locale::toLanguageTag)
                .containsExactly("ru");
    }

    @Test
    void aRegionalTagFallsBackToItsLanguage() throws TemplateFailure {
        Rendered rendered = shipped.render("tier-upgrade", "ru-RU", TIER);

        assertThat(rendered.locale()).isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(rendered.subject()).isEqualTo("Поздравляем, Анна! Ваш новый уровень — Gold");
        assertThat(rendered.text()).contains("вы достигли уровня «Gold»", "у вас 1\u00a0500 баллов");
        assertThat(rendered.html()).contains("<html lang=\"ru\">", "<strong>«Gold»</strong>");
    }

    @Test
    void anUnknownLanguageFallsBackToEnglish() throws TemplateFailure {
        Rendered rendered = shipped.render("tier-upgrade", "de-DE", TIER);

        assertThat(rendered.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(rendered.subject()).isEqualTo("Congratulations, Анна: you are now Gold!");
        assertThat(rendered.text()).contains("with 1,500 points");
    }

    @Test
    void datesAndNumbersAreFormattedForTheLocale() throws TemplateFailure {
        Map<String, String> model = Map.of("points", "250", "expiresOn", "2026-12-31");

        assertThat(shipped.render("points-expiry", "ru", model).subject())
                .isEqualTo("Баллы сгорят 31 декабря 2026 г.: 250");
        assertThat(shipped.render("points-expiry", "en", model).subject())
                .isEqualTo("250 of your points expire on December 31, 2026");
    }

    @ParameterizedTest
    @ValueSource(strings = {"welcome", "tier-upgrade", "points-expiry", "csat-request"})
    void everyShippedTemplateRendersInBothLanguages(String name) throws TemplateFailure {
        Map<String, String> model = Map.of("firstName", "Ivan", "tier", "Silver", "points", "10",
                "expiresOn", "2026-01-15", "ticketId", "4711", "surveyUrl", "https://shop.example/csat/1",
                "unsubscribeUrl", "https://liaison.example/unsubscribe/t");
        for (String language : new String[] {"ru", "en"}) {
            Rendered rendered = shipped.render(name, language, model);
            assertThat(rendered.locale().toLanguageTag()).isEqualTo(language);
            assertThat(rendered.subject()).isNotBlank().doesNotContain("\n");
            assertThat(rendered.text()).isNotBlank();
            assertThat(rendered.html()).startsWith("<!DOCTYPE html>").contains("lang=\"" + language + "\"");
        }
    }

    @Test
    void variablesAreEscapedInHtmlButNotInText() throws TemplateFailure {
        Rendered rendered = shipped.render("welcome", "en",
                Map.of("firstName", "<script>alert(1)</script>", "brand", "Tom & Jerry"));

        assertThat(rendered.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Tom &amp; Jerry")
                .doesNotContain("<script>");
        assertThat(rendered.text()).contains("<script>alert(1)</script>", "Tom & Jerry");
    }

    @Test
    void aDirectoryOverridesShippedFilesOneByOne(@TempDir Path directory) throws Exception {
        write(directory.resolve("welcome/ru/subject.ftl"), "Привет от бренда ${brand}");
        EmailTemplates templates = new EmailTemplates(directory, Locale.ENGLISH);

        Rendered rendered = templates.render("welcome", "ru", Map.of("brand", "Лавка"));

        assertThat(rendered.subject()).isEqualTo("Привет от бренда Лавка");
        assertThat(rendered.text()).contains("Спасибо, что присоединились к Лавка");
    }

    @Test
    void aDirectoryMayAddATemplateAndALanguage(@TempDir Path directory) throws Exception {
        write(directory.resolve("order-shipped/de/subject.ftl"), "Ihre Bestellung ${order} ist unterwegs");
        write(directory.resolve("order-shipped/de/body.txt.ftl"), "Bestellung ${order}");
        write(directory.resolve("order-shipped/de/body.html.ftlh"), "<p>Bestellung ${order}</p>");
        EmailTemplates templates = new EmailTemplates(directory, Locale.ENGLISH);

        Rendered rendered = templates.render("order-shipped", "de-AT", Map.of("order", "A&B"));

        assertThat(rendered.locale().toLanguageTag()).isEqualTo("de");
        assertThat(rendered.subject()).isEqualTo("Ihre Bestellung A&B ist unterwegs");
        assertThat(rendered.html()).isEqualTo("<p>Bestellung A&amp;B</p>");
    }

    @Test
    void anIncompleteTemplateIsReportedNotHalfSent(@TempDir Path directory) throws Exception {
        write(directory.resolve("half/en/subject.ftl"), "Only a subject");
        EmailTemplates templates = new EmailTemplates(directory, Locale.ENGLISH);

        assertThatThrownBy(() -> templates.render("half", "en", Map.of()))
                .isInstanceOf(TemplateFailure.class).hasMessageContaining("no body.txt.ftl");
    }

    @Test
    void aMissingVariableNamesTheExpressionButNoValue() {
        assertThatThrownBy(() -> shipped.render("tier-upgrade", "en", Map.of("firstName", "Secret Name")))
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("tier-upgrade").hasMessageContaining("tier")
                .hasMessageNotContaining("Secret Name");
    }

    @Test
    void unknownTemplatesAndUnsafeNamesAreRefused() {
        assertThatThrownBy(() -> shipped.render("no-such-template", "ru", Map.of()))
                .isInstanceOf(TemplateFailure.class).hasMessageContaining("no template 'no-such-template'");
        assertThatThrownBy(() -> shipped.render("../welcome", "ru", Map.of()))
                .isInstanceOf(TemplateFailure.class).hasMessageContaining("must match");
        assertThatThrownBy(() -> new EmailTemplates(Path.of("/no/such/dir"), Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templatesCannotReachJavaClasses(@TempDir Path directory) throws Exception {
        write(directory.resolve("evil/en/subject.ftl"),
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}");
        write(directory.resolve("evil/en/body.txt.ftl"), "x");
        write(directory.resolve("evil/en/body.html.ftlh"), "x");
        EmailTemplates templates = new EmailTemplates(directory, Locale.ENGLISH);

        assertThatThrownBy(() -> templates.render("evil", "en", Map.of())).isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("subject.ftl line 1");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
