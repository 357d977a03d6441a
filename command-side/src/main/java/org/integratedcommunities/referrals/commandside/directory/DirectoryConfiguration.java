package org.integratedcommunities.referrals.commandside.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

@Configuration
class DirectoryConfiguration {

    @Bean
    PartnershipDirectory partnershipDirectory(ObjectMapper mapper) throws IOException {
        try (InputStream json = new ClassPathResource("directory/partnerships.json").getInputStream()) {
            return PartnershipDirectory.fromSeed(mapper, json);
        }
    }
}
