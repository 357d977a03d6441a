package org.integratedcommunities.referrals.deadlineprobe;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@link DeadlineProbe} to a command-side context. The probe lives outside the command side's packages on
 * purpose, so no other test's application context picks it up by component scanning.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = DeadlineProbe.class)
public class DeadlineProbeConfiguration {}
