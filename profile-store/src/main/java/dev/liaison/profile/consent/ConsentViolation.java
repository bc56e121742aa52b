package dev.liaison.profile.consent;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A consent entry that cannot be recorded. {@link #problems()} names every offending input, e.g.
 * {@code evidence.noticeVersion}; {@code field} and the message are the first of them. Messages never quote values.
 */
public class ConsentViolation extends Exception {

    /** One offending input. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public ConsentViolation(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public ConsentViolation(List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).message() : describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem with its field, e.g. for a dead letter's reason. */
    public String describe() {
        return describe(problems);
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; "));
    }

    public String field() {
        return problems.get(0).field();
    }

    public List<Problem> problems() {
        return problems;
    }
}
