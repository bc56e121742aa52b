package dev.liaison.web.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import dev.liaison.web.problem.Problem;
import dev.liaison.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** An OAuth redirect is refused, naming the parameter, before its state is looked up or its code sent anywhere. */
class CallbackParametersTest {

    @Test
    void aRedirectAsTheVendorSendsItPasses() {
        assertThatCode(() -> CallbackParameters.check("code=def502&state=c-1.abc&referer=example.amocrm.ru"))
                .doesNotThrowAnyException();
        assertThatCode(() -> CallbackParameters.check(null)).doesNotThrowAnyException();
        assertThatCode(() -> CallbackParameters.check("")).doesNotThrowAnyException();
    }

    @Test
    void aParameterGivenTwiceIsRefusedWhicheverCopyIsValid() {
        assertThat(problemOf("code=x&state=c-1.valid&state=c-1.forged").field()).isEqualTo("state");
        assertThat(problemOf("state=c-1.forged&code=x&state=c-1.valid").field()).isEqualTo("state");
        assertThat(problemOf("code=a&state=s&c%6Fde=b").field()).as("the same name, encoded").isEqualTo("code");
    }

    @Test
    void aValueLongerThanAnyCodeOrStateIsRefusedWithoutRepeatingIt() {
        String code = "ZQXJ" + "c".repeat(5000);

        Problem problem = problemOf("code=" + code + "&state=c-1.abc");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).isEqualTo("code");
        assertThat(problem.detail()).doesNotContain("ZQXJ");
        assertThatCode(() -> CallbackParameters.check("code=" + "c".repeat(CallbackParameters.MAX_VALUE_LENGTH)))
                .doesNotThrowAnyException();
    }

    @Test
    void anErrorResponseIsTheRefusalItIsNotAMissingCode() {
        Problem denied = problemOf("error=access_denied&state=c-1.abc");
        Problem forged = problemOf("error=%3Cscript%3EZQXJ&state=c-1.abc");

        assertThat(denied.field()).isEqualTo("error");
        assertThat(denied.detail()).contains("access_denied").contains("not granted");
        assertThat(forged.field()).isEqualTo("error");
        assertThat(forged.detail()).doesNotContain("ZQXJ").doesNotContain("script");
    }

    @Test
    void aNameThatIsNotOneIsNotRepeatedEither() {
        Problem problem = problemOf("%3Cb%3EZQXJ=1&%3Cb%3EZQXJ=2");

        assertThat(problem.field()).isEqualTo("query");
        assertThat(problem.detail()).doesNotContain("ZQXJ");
    }

    private static Problem problemOf(String query) {
        try {
            CallbackParameters.check(query);
        } catch (ProblemException refused) {
            return refused.toProblem("/oauth/amocrm/callback");
        }
        return fail("refused nothing: " + query);
    }
}
