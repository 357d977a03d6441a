package org.integratedcommunities.referrals.personaldata;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link PersonalDataVault} for every application with a DataSource. The master key is read and checked at startup:
 * if {@value MasterKeys#PROPERTY} is missing or malformed the application refuses to start and says why. The key table
 * comes from the migration in {@code classpath:db/personaldata}, which the command side's Flyway runs.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public PersonalDataVault personalDataVault(
            PersonalDataProperties properties, ObjectProvider<JdbcTemplate> jdbcTemplate, DataSource dataSource) {
        return new PersonalDataVault(
                jdbcTemplate.getIfUnique(() -> new JdbcTemplate(dataSource)),
                MasterKeys.parse(properties.masterKey()),
                properties.keyCache().lifetime(),
                properties.keyCache().maxEntries());
    }
}
