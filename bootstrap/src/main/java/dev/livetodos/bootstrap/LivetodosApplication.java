package dev.livetodos.bootstrap;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/** The livetodos server: the HTTP API over DynamoDB, locally with an embedded store or on AWS. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LivetodosApplication {

    /** Starts local mode's sign-in issuer beside the API; absent (with all of local mode) from the AWS artifacts. */
    private static final String LOCAL_ISSUER_LAUNCHER = "dev.livetodos.bootstrap.local.LocalIssuerLauncher";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The server as {@link #main} starts it: in local mode with its own OpenID Connect issuer
     * beside it, unless another issuer is configured.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(LivetodosApplication.class);
        ClassLoader classes = LivetodosApplication.class.getClassLoader();
        if (ClassUtils.isPresent(LOCAL_ISSUER_LAUNCHER, classes) && ClassUtils.isPresent("dev.livetodos.issuer.LocalIssuer", classes)) {
            application.addListeners(BeanUtils.instantiateClass(ClassUtils.resolveClassName(LOCAL_ISSUER_LAUNCHER, classes),
                    ApplicationListener.class));
        }
        return application;
    }
}
