package dev.liaison.connectors.email;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders e-mail templates with FreeMarker. A template is a folder {@code <name>/<locale>/} holding
 * {@value #SUBJECT}, {@value #TEXT} and {@value #HTML}, looked up first in an optional directory on the server and then
 * under {@value #CLASSPATH_ROOT} on the classpath, file by file, so a directory may override only the HTML of a
 * shipped template. The {@code .ftlh} extension turns on FreeMarker's HTML auto-escaping; the subject and the text
 * part are not escaped.
 *
 * <p>The locale falls back from the most specific tag to the language and then to the default locale:
 * {@code ru-RU} tries {@code ru-RU}, {@code ru}, {@code en}. The first locale that has a subject is used for all
 * three parts, so a mail never mixes languages.
 */
public final class EmailTemplates {

    public static final String CLASSPATH_ROOT = "liaison/email-templates";
    public static final String SUBJECT = "subject.ftl";
    public static final String TEXT = "body.txt.ftl";
    public static final String HTML = "body.html.ftlh";

    /** A template name is a path segment chosen by scenario authors; nothing that could climb out of the folder. */
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

    /** What one template produced, and the locale whose files were used. */
    public record Rendered(String subject, String text, String html, Locale locale) {
    }

    private final Configuration freemarker;
    private final Locale defaultLocale;

    public EmailTemplates(Path directory, Locale defaultLocale) {
        this.defaultLocale = defaultLocale;
        this.freemarker = configuration(loader(directory));
    }

    /** Only the templates shipped on the classpath. */
    public EmailTemplates(Locale defaultLocale) {
        this(null, defaultLocale);
    }

    /**
     * Renders template {@code name} for the requested locale (a BCP 47 tag; blank means the default locale).
     *
     * @throws TemplateFailure when no locale of the chain has the template, a part is missing, or rendering fails
     */
    public Rendered render(String name, String languageTag, Map<String, ?> model) throws TemplateFailure {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new TemplateFailure("template name must match " + NAME_PATTERN);
        }
        for (Locale locale : candidates(languageTag, defaultLocale)) {
            String folder = name + "/" + locale.toLanguageTag() + "/";
            Template subject = find(folder + SUBJECT, locale);
            if (subject != null) {
                return new Rendered(oneLine(process(subject, model, name, locale)),
                        process(required(folder + TEXT, locale, name), model, name, locale),
                        process(required(folder + HTML, locale, name), model, name, locale),
                        locale);
            }
        }
        throw new TemplateFailure("no template '" + name + "' for " + candidates(languageTag, defaultLocale));
    }

    /** The locales tried for a requested tag, most specific first, ending with the default locale. */
    static List<Locale> candidates(String languageTag, Locale defaultLocale) {
        Set<Locale> chain = new LinkedHashSet<>();
        Locale requested = languageTag == null || languageTag.isBlank()
                ? Locale.ROOT : Locale.forLanguageTag(languageTag.trim().replace('_', '-'));
        String language = requested.getLanguage();
        if (!language.isEmpty()) {
            String script = requested.getScript();
            String region = requested.getCountry();
            if (!script.isEmpty() && !region.isEmpty()) {
                chain.add(new Locale.Builder().setLanguage(language).setScript(script).setRegion(region).build());
            }
            if (!script.isEmpty()) {
                chain.add(new Locale.Builder().setLanguage(language).setScript(script).build());
            }
            if (!region.isEmpty()) {
                chain.add(new Locale.Builder().setLanguage(language).setRegion(region).build());
            }
            chain.add(new Locale.Builder().setLanguage(language).build());
        }
        chain.add(defaultLocale);
        return new ArrayList<>(chain);
    }

    private Template find(String path, Locale locale) throws TemplateFailure {
        try {
            return freemarker.getTemplate(path, locale, "UTF-8", true, true);
        } catch (IOException e) {
            throw new TemplateFailure("template file " + path + " cannot be read: " + e.getMessage());
        }
    }

    private Template required(String path, Locale locale, String name) throws TemplateFailure {
        Template template = find(path, locale);
        if (template == null) {
            throw new TemplateFailure("template '" + name + "' has a subject for " + locale.toLanguageTag()
                    + " but no " + path.substring(path.lastIndexOf('/') + 1));
        }
        return template;
    }

    private static String process(Template template, Map<String, ?> model, String name, Locale locale)
            throws TemplateFailure {
        StringWriter out = new StringWriter();
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            // The blamed expression and the line say what is wrong; FreeMarker's full message may quote values.
            throw new TemplateFailure("template '" + name + "' (" + locale.toLanguageTag() + ") failed at "
                    + template.getSourceName() + " line " + e.getLineNumber() + ": "
                    + (e.getBlamedExpressionString() == null ? e.getClass().getSimpleName()
                    : e.getBlamedExpressionString()));
        } catch (IOException e) {
            throw new TemplateFailure("template '" + name + "' could not be written: " + e.getMessage());
        }
        return out.toString();
    }

    /** A header must be one line; templates may wrap a long subject for readability. */
    private static String oneLine(String subject) {
        return subject.replaceAll("\\s+", " ").trim();
    }

    private static TemplateLoader loader(Path directory) {
        TemplateLoader shipped = new ClassTemplateLoader(EmailTemplates.class.getClassLoader(), CLASSPATH_ROOT);
        if (directory == null) {
            return shipped;
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the e-mail template directory does not exist: " + directory);
        }
        try {
            return new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(directory.toFile()), shipped});
        } catch (IOException e) {
            throw new UncheckedIOException("the e-mail template directory cannot be read: " + directory, e);
        }
    }

    private static Configuration configuration(TemplateLoader loader) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTemplateLoader(loader);
        configuration.setDefaultEncoding("UTF-8");
        // Locales are resolved by folder above; FreeMarker's own name_ru_RU.ftl lookup would bypass that chain.
        configuration.setLocalizedLookup(false);
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        // Templates may come from a directory an operator edits: no instantiating classes, no Java API calls.
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        return configuration;
    }

    /** A template is missing, incomplete or broken. Sending cannot succeed until someone fixes it. */
    public static final class TemplateFailure extends Exception {
        public TemplateFailure(String message) {
            super(message);
        }
    }
}
