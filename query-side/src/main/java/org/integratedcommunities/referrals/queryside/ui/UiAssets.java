package org.integratedcommunities.referrals.queryside.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * GOV.UK Frontend's stylesheet, script, fonts and images, served from its WebJar at {@code /assets/} (the paths its
 * stylesheet expects: {@code /assets/fonts/...}), and this service's own few files at {@code /app/}. Nothing is fetched
 * from anywhere else at run time.
 */
@Configuration
class UiAssets implements WebFluxConfigurer {

    private static final String WEBJAR = "META-INF/resources/webjars/govuk-frontend/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String dist = "classpath:/" + WEBJAR + govukFrontendVersion() + "/dist/govuk/";
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(dist + "assets/", dist)
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
        registry.addResourceHandler("/app/**")
                .addResourceLocations("classpath:/ui/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
    }

    /** The version of the WebJar on the class path, so that upgrading it is a change to the build only. */
    static String govukFrontendVersion() {
        String pom = "META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties";
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("GOV.UK Frontend's WebJar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
