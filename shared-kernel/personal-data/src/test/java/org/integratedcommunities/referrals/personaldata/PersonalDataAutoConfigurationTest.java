package org.integratedcommunities.referrals.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The wiring, without a database: nothing here connects. */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PersonalDataAutoConfiguration.class))
            .withBean(DataSource.class, PersonalDataAutoConfigurationTest::unusedDataSource);

    @Test
    void aVaultIsProvidedWhenTheMasterKeyIsSet() {
        contexts.withPropertyValues("icr.personal-data.master-key=" + MasterKeys.generate())
                .run(context -> assertThat(context).hasSingleBean(PersonalDataVault.class));
    }

    @Test
    void noVaultWithoutADataSource() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PersonalDataAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PersonalDataVault.class));
    }

    @Test
    void theContextRefusesToStartWithoutAMasterKey() {
        contexts.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(InvalidMasterKeyException.class)
                    .hasMessageContaining("icr.personal-data.master-key is not set");
        });
    }

    @Test
    void theContextRefusesToStartWithAMalformedMasterKey() {
        contexts.withPropertyValues("icr.personal-data.master-key=c2VjcmV0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(InvalidMasterKeyException.class)
                    .hasMessageContaining("icr.personal-data.master-key is malformed");
        });
    }

    @Test
    void anInvalidKeyCacheSettingIsRefused() {
        contexts.withPropertyValues(
                        "icr.personal-data.master-key=" + MasterKeys.generate(),
                        "icr.personal-data.key-cache.lifetime=-1s")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("lifetime must not be negative"));
    }

    @Test
    void anApplicationWithoutAMasterKeyReportsWhatIsWrongAndWhatToDo(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(AnApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false);

        assertThatThrownBy(application::run).hasRootCauseInstanceOf(InvalidMasterKeyException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("icr.personal-data.master-key is not set")
                .contains("ICR_MASTER_KEY");
    }

    @Test
    void theFailureAnalysisNamesThePropertyAndTheAction() {
        FailureAnalysis analysis = new InvalidMasterKeyFailureAnalyzer()
                .analyze(new IllegalStateException(new InvalidMasterKeyException("icr.personal-data.master-key is x")));

        assertThat(analysis.getDescription()).contains("icr.personal-data.master-key");
        assertThat(analysis.getAction()).contains("MasterKeys.generate()");
    }

    @Test
    void thePropertiesNeverShowTheMasterKey() {
        String key = MasterKeys.generate();
        var properties = new PersonalDataProperties(key, new PersonalDataProperties.KeyCache(null, 1));

        assertThat(properties.toString()).doesNotContain(key).contains("[redacted]");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PersonalDataAutoConfiguration.class)
    static class AnApplication {
        @Bean
        DataSource dataSource() {
            return unusedDataSource();
        }
    }

    private static DataSource unusedDataSource() {
        return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/never-connected");
    }
}
