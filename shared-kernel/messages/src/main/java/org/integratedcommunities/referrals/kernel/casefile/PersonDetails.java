package org.integratedcommunities.referrals.kernel.casefile;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * Who a case is about. All of it is personal data: it travels in commands and read models, and sits in events only
 * sealed with the person's own key.
 */
public record PersonDetails(
        @NotBlank @Size(max = 200) String fullName,
        @NotNull @Past LocalDate dateOfBirth,
        @Size(max = 40) String phone,
        @Email @Size(max = 200) String email,
        @Size(max = 500) String address,
        @NotBlank @Size(max = 60) String preferredLanguage,
        boolean interpreterNeeded,
        ImmigrationStatus immigrationStatus) {

    public PersonDetails {
        if (immigrationStatus == null) {
            immigrationStatus = ImmigrationStatus.NOT_RECORDED;
        }
    }
}
