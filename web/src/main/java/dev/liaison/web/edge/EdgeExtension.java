package dev.liaison.web.edge;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts {@link EdgeHandler} in front of the web module's sign-in. Undertow finds this class through
 * {@code META-INF/services}; its outer handler chain runs after the servlet request exists and before security, the
 * one place that sees a request before the sign-in mechanism reads its {@code Authorization} header.
 */
public final class EdgeExtension implements ServletExtension {

    /** Where the throttle is kept for the API that lists and releases blocked sources. */
    public static final String THROTTLE_ATTRIBUTE = SignInThrottle.class.getName();

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        Config config = ConfigProvider.getConfig(deployment.getClassLoader());
        long maxBodyBytes = config.getOptionalValue("liaison.http.max-body-bytes", Long.class).orElse(1_048_576L);
        SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Policy(
                config.getOptionalValue("liaison.sign-in.free-failures-per-account", Integer.class).orElse(5),
                config.getOptionalValue("liaison.sign-in.free-failures-per-address", Integer.class).orElse(20),
                config.getOptionalValue("liaison.sign-in.first-wait", Duration.class).orElse(Duration.ofSeconds(1)),
                config.getOptionalValue("liaison.sign-in.max-wait", Duration.class).orElse(Duration.ofMinutes(15)),
                Duration.ofHours(1), 100_000));
        servletContext.setAttribute(THROTTLE_ATTRIBUTE, throttle);
        deployment.addOuterHandlerChainWrapper(next -> new EdgeHandler(next, maxBodyBytes, throttle,
                Clock.systemUTC()));
    }
}
