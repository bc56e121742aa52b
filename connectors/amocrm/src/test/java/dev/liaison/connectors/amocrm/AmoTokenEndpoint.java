package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * amoCRM's token endpoint ({@code POST /oauth2/access_token}, external-apis.md §2.1) as a WireMock fake that rotates
 * refresh tokens: {@code refresh-N} is honoured once, answered with {@code access-(N+1)}/{@code refresh-(N+1)}, and
 * refused afterwards like any refresh token it never issued.
 * <p>
 * The refusal is what amoCRM answers to a refresh token that was already used, as quoted in amocrm/amocrm-api-php
 * issues #123 (a maintainer: "Такая ошибка может происходить, если вы используете refresh token, который уже был
 * использован") and #315: a problem document with {@code "hint":"Token has been revoked"} and {@code "status":401}.
 */
final class AmoTokenEndpoint {

    static final String PATH = "/oauth2/access_token";
    static final String REVOKED = "{\"hint\":\"Token has been revoked\",\"title\":\"Некорректный запрос\","
            + "\"type\":\"https://developers.amocrm.ru/v3/errors/OAuthProblemJson\",\"status\":401,"
            + "\"detail\":\"В запросе отсутствует ряд параметров или параметры невалидны\"}";
    /** How long the fake takes to answer a refresh, so that concurrent callers overlap. */
    static final int REFRESH_DELAY_MILLIS = 300;

    private AmoTokenEndpoint() {
    }

    static String tokens(String access, String refresh) {
        return "{\"token_type\":\"Bearer\",\"expires_in\":86400,\"server_time\":1763892000,\"access_token\":\""
                + access + "\",\"refresh_token\":\"" + refresh + "\"}";
    }

    static ResponseDefinitionBuilder revoked() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json").withBody(REVOKED);
    }

    /** Honours {@code refresh-0} to {@code refresh-(generations - 1)}, each once and in order. */
    static void rotating(WireMockServer amocrm, int generations) {
        amocrm.stubFor(post(urlPathEqualTo(PATH)).atPriority(10).willReturn(revoked()));
        for (int n = 0; n < generations; n++) {
            amocrm.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario("refresh tokens")
                    .whenScenarioStateIs(n == 0 ? Scenario.STARTED : "issued refresh-" + n)
                    .withRequestBody(matchingJsonPath("$.grant_type", equalTo("refresh_token")))
                    .withRequestBody(matchingJsonPath("$.refresh_token", equalTo("refresh-" + n)))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withFixedDelay(REFRESH_DELAY_MILLIS)
                            .withBody(tokens("access-" + (n + 1), "refresh-" + (n + 1))))
                    .willSetStateTo("issued refresh-" + (n + 1)));
        }
    }
}
