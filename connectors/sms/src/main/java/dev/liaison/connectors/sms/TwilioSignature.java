package dev.liaison.connectors.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Twilio-Signature = base64(HMAC-SHA1(authToken, url + every POST parameter as name + value, sorted by
 * name))} (facts §4.3), where the URL is exactly the one Twilio was given, query string included. Parameters with
 * the same name keep the order they were posted in.
 */
final class TwilioSignature {

    static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    static String sign(String authToken, String url, List<Form.Param> params) {
        StringBuilder signed = new StringBuilder(url);
        params.stream().sorted(Comparator.comparing(Form.Param::name))
                .forEach(param -> signed.append(param.name()).append(param.value()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    static boolean matches(String authToken, String url, List<Form.Param> params, String presented) {
        return MessageDigest.isEqual(sign(authToken, url, params).getBytes(StandardCharsets.US_ASCII),
                presented.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
